"""What may be published from people's answers without identifying anyone: the thresholds and
suppression rules every capability shares. Each capability's own publishing (for pulses,
`insideout.pulses.disclosure`) builds its figures from these rules and nothing else."""
