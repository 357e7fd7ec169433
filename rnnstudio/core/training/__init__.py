"""Training: the loop, the session that drives it for every caller, schedules, resuming, devices and precision, memory, fitted settings, measured speed, several processes."""
