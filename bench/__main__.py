"""`python -m bench`: the dashboard benchmarks (SYNTHETIC data only)."""

from bench.bench_dashboard import main

raise SystemExit(main())
