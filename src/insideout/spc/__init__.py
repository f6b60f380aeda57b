"""Statistical process control as NHS England's "Making Data Count" does it: XmR charts,
special-cause rules, assurance against a target. Pure functions over plain series."""
