using System.Globalization;

namespace Strata.Core.Schemas.Json;

/// <summary>A JSON value with the byte offset (in the file's UTF-8 body) where it starts, for diagnostics.</summary>
internal abstract class JNode(int offset)
{
    public int Offset { get; } = offset;

    /// <summary>"an object", "a string", ...: for messages.</summary>
    public abstract string Describe { get; }
}

internal sealed record JProperty(string Name, int NameOffset, JNode Value);

internal sealed class JObject(int offset) : JNode(offset)
{
    public List<JProperty> Properties { get; } = [];

    public override string Describe => "an object";

    /// <summary>The first property of that name (a duplicate is STRATA4012, reported by the parser).</summary>
    public JProperty? Find(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }

    public JNode? this[string name] => Find(name)?.Value;
}

internal sealed class JArray(int offset) : JNode(offset)
{
    public List<JNode> Items { get; } = [];

    public override string Describe => "an array";
}

internal sealed class JString(int offset, string value) : JNode(offset)
{
    public string Value { get; } = value;

    public override string Describe => "a string";
}

internal sealed class JNumber(int offset, string raw) : JNode(offset)
{
    /// <summary>The number as written (JSON syntax, already validated by the reader).</summary>
    public string Raw { get; } = raw;

    public override string Describe => "a number";

    /// <summary>The value when it is an integer (no fraction or exponent) that fits in 64 bits.</summary>
    public bool TryInteger(out long value) => long.TryParse(Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public double Value => double.Parse(Raw, NumberStyles.Float, CultureInfo.InvariantCulture);
}

internal sealed class JBool(int offset, bool value) : JNode(offset)
{
    public bool Value { get; } = value;

    public override string Describe => Value ? "true" : "false";
}

internal sealed class JNull(int offset) : JNode(offset)
{
    public override string Describe => "null";
}
