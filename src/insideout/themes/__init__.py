"""Themes: free text from pulses, asks, contacts and unmet needs grouped into named themes the
centre can act on, each traced to every text in it, shaped by analysts and tracked over time."""
