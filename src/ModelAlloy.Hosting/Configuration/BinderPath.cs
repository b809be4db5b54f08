using System.Collections;
using System.Reflection;

namespace ModelAlloy.Hosting;

/// <summary>Whether the configuration binder sets something for a key path under a section bound to a type.</summary>
internal static class BinderPath
{
    public static bool Binds(Type type, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty)
        {
            return IsValue(type);
        }

        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (Dictionary(target) is { } valueType)
        {
            return Binds(valueType, path[1..]);
        }

        if (Element(target) is { } elementType)
        {
            return int.TryParse(path[0], out int index) && index >= 0 && Binds(elementType, path[1..]);
        }

        PropertyInfo? property = target.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && Binds(property.PropertyType, path[1..]);
    }

    private static bool IsValue(Type type)
    {
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);
    }

    private static Type? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1] : null;

    private static Type? Element(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;
}
