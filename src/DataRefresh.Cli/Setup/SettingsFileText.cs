using System.Text;
using System.Text.Json;
using DataRefresh.Core.Configuration;

namespace DataRefresh.Cli.Setup;

/// <summary>
/// The text of the settings file <c>init</c> writes: the two environments, connection strings as <c>${VARIABLE}</c> references (the
/// secrets stay in the variables), the source marked production so no job can ever write to it.
/// </summary>
internal static class SettingsFileText
{
    /// <summary>The file's text; <c>init</c> also runs on it before writing it, so it reads exactly what it writes.</summary>
    public static string For(InitRequest request)
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

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
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
