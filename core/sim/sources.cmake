# The demo-sky simulator and its analytic responses (owned by the simulator work).
