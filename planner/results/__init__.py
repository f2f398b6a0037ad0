"""Results: measures with targets, the values recorded per period and unit, and their charts."""
