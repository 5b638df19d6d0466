"""Scenario sweeps: many variants of a department and its workload, simulated with common
random numbers on local processes or a Dask cluster, and the best variant selected with a
stated confidence."""
