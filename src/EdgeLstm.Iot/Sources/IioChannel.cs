using System;

namespace EdgeLstm.Iot.Sources;

/// <summary>
/// One Linux IIO channel, named as in sysfs without the <c>in_</c> prefix and <c>_raw</c> suffix:
/// <c>accel_x</c>, <c>anglvel_z</c>, <c>temp</c>, <c>voltage0</c>.
/// </summary>
public readonly record struct IioChannel(string Name)
{
    /// <summary>The channel type: the name up to the first underscore (<c>accel</c> for <c>accel_x</c>), which
    /// is what a shared <c>in_accel_scale</c> file is named after. Channel numbers are stripped too
    /// (<c>voltage</c> for <c>voltage0</c>).</summary>
    public string Type
    {
        get
        {
            int underscore = Name.IndexOf('_', StringComparison.Ordinal);
            string head = underscore < 0 ? Name : Name[..underscore];
            return head.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        }
    }
}
