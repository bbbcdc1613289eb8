using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/DataRefresh.Benchmarks -- --filter '*'   (all; see README "Benchmark")
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
