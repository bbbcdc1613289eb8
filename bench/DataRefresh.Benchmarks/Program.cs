using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/DataRefresh.Benchmarks -- --filter '*'   (all; see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
