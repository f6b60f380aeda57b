"""Reading people's words: how alike two texts are, and (later) themes and sentiment.

Pure functions over plain strings; imports nothing of the project, so any app may use it.
"""
