using System.Text;
using System.Text.Json;
using DataRefresh.Core.Configuration;

namespace DataRefresh.Cli.Setup;

/// <summary>
/// The settings file <c>init</c> writes: the two environments, connection strings as <c>${VARIABLE}</c> references (the
/// secrets stay in the variables), the source marked production so no job can ever write to it.
/// </summary>
internal static class SettingsFileWriter
{
    /// <summary>The same settings as configuration keys, so the run of init reads exactly what it writes.</summary>
    public static Dictionary<string, string?> Settings(InitRequest request) => new()
    {
        [$"DataRefresh:Environments:{request.Source}:Provider"] = request.Provider.ToString(),
        [$"DataRefresh:Environments:{request.Source}:ConnectionString"] = Reference(request.SourceFrom!),
        [$"DataRefresh:Environments:{request.Source}:Production"] = "true",
        [$"DataRefresh:Environments:{request.Target}:Provider"] = request.Provider.ToString(),
        [$"DataRefresh:Environments:{request.Target}:ConnectionString"] = Reference(request.TargetFrom!),
        [$"DataRefresh:Environments:{request.Target}:Production"] = "false",
    };

    public static void Write(string path, InitRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("DataRefresh");
            json.WriteStartObject("Environments");
            WriteEnvironment(json, request.Source, request.Provider, request.SourceFrom!, production: true);
            WriteEnvironment(json, request.Target, request.Provider, request.TargetFrom!, production: false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        FileWriting.Create(path, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }

    private static void WriteEnvironment(Utf8JsonWriter json, string name, ProviderKind provider, string variable, bool production)
    {
        json.WriteStartObject(name);
        json.WriteString("Provider", provider.ToString());
        json.WriteString("ConnectionString", Reference(variable));
        json.WriteBoolean("Production", production);
        json.WriteEndObject();
    }

    private static string Reference(string variable) => "${" + variable + "}";
}
