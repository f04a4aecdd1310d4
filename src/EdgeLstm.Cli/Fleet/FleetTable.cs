using System;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EdgeLstm.Cli.Fleet;

/// <summary>Draws the fleet as a Spectre.Console table: one row per device, then the delivery and skip counters.</summary>
internal static class FleetTable
{
    public static IRenderable Render(FleetState state, DateTimeOffset now, string broker) => state.Read(devices =>
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"EdgeLstm fleet on {Markup.Escape(broker)}");
        table.AddColumn("Device");
        table.AddColumn("Status");
        table.AddColumn("Last event");
        table.AddColumn(new TableColumn("Events (1 h)").RightAligned());
        table.AddColumn(new TableColumn("Health age").RightAligned());
        table.AddColumn(new TableColumn("Samples").RightAligned());
        table.AddColumn(new TableColumn("Backlog").RightAligned());
        foreach (DeviceState device in devices)
        {
            table.AddRow(
                Markup.Escape(device.Id),
                device.Online switch { true => "[green]online[/]", false => "[red]offline[/]", null => "[grey]unknown[/]" },
                device.LastEventType is null ? "-" : Markup.Escape($"{device.LastEventType} {Time(device.LastEventTime)}"),
                device.EventsInLastHour(now).ToString(CultureInfo.InvariantCulture),
                device.HealthTime is { } health ? Age(now - health) : "-",
                device.Samples?.ToString(CultureInfo.InvariantCulture) ?? "-",
                device.Backlog is { } backlog ? (backlog > 0 ? $"[yellow]{backlog}[/]" : "0") : "-");
        }

        string footer = string.Create(CultureInfo.InvariantCulture,
            $"{devices.Count} device(s), {state.UniqueEvents} event(s) received ({state.Duplicates} duplicate(s) by id ignored); skipped: {state.Malformed} malformed, {state.Oversized} oversized");
        return (IRenderable)new Rows(table, new Text(footer));
    });

    private static string Time(DateTimeOffset? time)
        => time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty;

    private static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero; // the device's clock is ahead of ours
        }

        return age.TotalSeconds < 120 ? $"{age.TotalSeconds:0} s"
            : age.TotalMinutes < 120 ? $"{age.TotalMinutes:0} min"
            : $"{age.TotalHours:0} h";
    }
}
