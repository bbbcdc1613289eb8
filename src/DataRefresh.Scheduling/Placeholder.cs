namespace DataRefresh.Scheduling; internal static class Placeholder { }
