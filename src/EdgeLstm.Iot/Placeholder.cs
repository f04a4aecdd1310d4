namespace EdgeLstm.Iot;

// PLACEHOLDER: the on-device library (sensor sources, detector, alarms) lands here.
internal static class Placeholder
{
}
