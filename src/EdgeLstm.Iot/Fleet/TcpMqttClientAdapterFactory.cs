using System;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace EdgeLstm.Iot.Fleet;

/// <summary>
/// MQTTnet's channel set-up for <c>mqtt://</c> and <c>mqtts://</c> (TCP, with TLS when the options ask for it), and
/// nothing else: the same adapter MQTTnet's own <see cref="MqttClientAdapterFactory"/> builds for
/// <see cref="MqttClientTcpOptions"/>.
/// </summary>
/// <remarks>
/// MQTTnet's factory also creates WebSocket channels, so with it a Native AOT build carries
/// <c>ClientWebSocket</c> and the WebSocket protocol, which the fleet never uses (its URIs are
/// <c>mqtt://</c>/<c>mqtts://</c> only, see <see cref="MqttConnectionSettings"/>).
/// </remarks>
internal sealed class TcpMqttClientAdapterFactory : IMqttClientAdapterFactory
{
    public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChannelOptions is not MqttClientTcpOptions)
        {
            throw new NotSupportedException($"Only TCP (mqtt://, mqtts://) channels are set up here, not {options.ChannelOptions?.GetType().Name ?? "none"}.");
        }

        var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
        return new MqttChannelAdapter(new MqttTcpChannel(options), formatter, logger)
        {
            AllowPacketFragmentation = options.AllowPacketFragmentation,
            PacketInspector = packetInspector,
        };
    }
}
