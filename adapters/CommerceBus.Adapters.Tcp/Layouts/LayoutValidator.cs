namespace CommerceBus.Adapters.Tcp.Layouts;

/// <summary>Checks a layout set before it is used, so a bad layout fails the start-up naming the setting, not a record later.</summary>
internal static class LayoutValidator
{
    private const int MaxDigits = 18;

    /// <summary>Every problem of the set; <paramref name="path"/> is its configuration path, used to name the setting.</summary>
    public static IEnumerable<string> Validate(string path, RecordLayoutSetOptions set)
    {
        if (set.TypeLength < 1)
        {
            yield return $"{path}:TypeLength must be at least 1";
            yield break;
        }

        if (set.Records.Count == 0)
        {
            yield return $"{path}:Records is empty: a layout set needs at least one record type";
        }

        foreach (var (type, record) in set.Records)
        {
            foreach (var problem in ValidateRecord($"{path}:Records:{type}", type, set.TypeLength, record))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> ValidateRecord(string path, string type, int typeLength, RecordLayoutOptions record)
    {
        if (type.Length != typeLength || !type.All(c => c is >= ' ' and <= '~'))
        {
            yield return $"{path}: the record type must be {typeLength} printable ASCII characters";
        }

        if (string.IsNullOrWhiteSpace(record.Message))
        {
            yield return $"{path}:Message is missing";
        }

        if (record.Length < typeLength)
        {
            yield return $"{path}:Length must be at least {typeLength} (the type characters)";
            yield break;
        }

        var fields = record.Fields.Select(f => (Path: $"{path}:Fields:{f.Key}", f.Value)).ToList();
        if (record.Group is { } group)
        {
            fields.Add(($"{path}:Group:Count", group.Count));
        }

        foreach (var problem in Fields(fields, typeLength, record.Length, allowVariable: record.Group is null))
        {
            yield return problem;
        }

        if (record.Group is { } g)
        {
            foreach (var problem in ValidateGroup($"{path}:Group", g))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> ValidateGroup(string path, GroupLayoutOptions group)
    {
        if (string.IsNullOrWhiteSpace(group.Name))
        {
            yield return $"{path}:Name is missing (the list's canonical name, e.g. lines)";
        }

        if (group.Count.Length is < 1 or > MaxDigits)
        {
            yield return $"{path}:Count:Length must be 1-{MaxDigits}";
        }

        if (group.MinCount < 0 || group.MaxCount < group.MinCount)
        {
            yield return $"{path}: MinCount and MaxCount must satisfy 0 <= MinCount <= MaxCount";
        }

        if (group.ItemLength < 1)
        {
            yield return $"{path}:ItemLength must be at least 1";
            yield break;
        }

        var items = group.Fields.Select(f => (Path: $"{path}:Fields:{f.Key}", f.Value)).ToList();
        foreach (var problem in Fields(items, 0, group.ItemLength, allowVariable: false))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> Fields(List<(string Path, FieldLayoutOptions Field)> fields, int firstFree, int length, bool allowVariable)
    {
        var ordered = fields.OrderBy(f => f.Field.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (path, field) = ordered[i];
            var end = field.Position - 1 + field.Length;
            if (field.Position < firstFree + 1 || field.Length < 1 || end > length)
            {
                yield return $"{path}: Position {field.Position} and Length {field.Length} must lie inside characters {firstFree + 1}-{length}";
            }

            if (i > 0 && field.Position < ordered[i - 1].Field.Position + ordered[i - 1].Field.Length)
            {
                yield return $"{path} overlaps {ordered[i - 1].Path}";
            }

            if (field.Type is FieldType.Number or FieldType.ImpliedDecimal && field.Length > MaxDigits)
            {
                yield return $"{path}: a number field holds at most {MaxDigits} digits";
            }

            if (field.Type == FieldType.ImpliedDecimal && (field.Scale < 0 || field.Scale >= field.Length))
            {
                yield return $"{path}:Scale must be 0 to Length - 1";
            }

            if (field.Type == FieldType.Timestamp && string.IsNullOrWhiteSpace(field.Format))
            {
                yield return $"{path}:Format is missing";
            }

            if (field.Variable && (!allowVariable || end != length || field.Type != FieldType.Text))
            {
                yield return $"{path}: only the last text field of a record without a group can be Variable";
            }
        }
    }
}
