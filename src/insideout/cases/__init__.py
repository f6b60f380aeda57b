"""Cases and pulls: a frontline partner works with a person, family or group, records what
matters to them, their goals and needs, pulls services from the catalogue and follows each pull
to its outcome; what cannot be pulled reaches the centre as an unmet need."""
