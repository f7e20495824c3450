"""Scale data generators and load benchmarks (run by hand: ``make bench``; see README.md)."""
