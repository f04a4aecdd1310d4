namespace EdgeLstm.Iot.Sources;

/// <summary>The MPU-6050 registers this library touches (InvenSense register map RM-MPU-6000A-00, rev. 4.2).</summary>
internal static class Mpu6050Registers
{
    public const byte GyroConfig = 0x1B;
    public const byte AccelConfig = 0x1C;
    public const byte AccelXoutH = 0x3B; // first of 14 bytes: accel XYZ, temperature, gyro XYZ, big-endian int16
    public const byte PowerManagement1 = 0x6B;
    public const byte WhoAmI = 0x75;

    public const byte DeviceReset = 0x80; // PWR_MGMT_1 bit 7
    public const byte ClockPllGyroX = 0x01; // PWR_MGMT_1: SLEEP cleared, clock from the X gyro PLL (more stable than the 8 MHz oscillator)
    public const byte ExpectedWhoAmI = 0x68;
    public const int BurstLength = 14;
}

/// <summary>Full-scale range of the accelerometer (ACCEL_CONFIG bits 4:3).</summary>
public enum Mpu6050AccelRange
{
    /// <summary>±2 g, 16384 LSB/g.</summary>
    G2 = 0,

    /// <summary>±4 g, 8192 LSB/g.</summary>
    G4 = 1,

    /// <summary>±8 g, 4096 LSB/g.</summary>
    G8 = 2,

    /// <summary>±16 g, 2048 LSB/g.</summary>
    G16 = 3,
}

/// <summary>Full-scale range of the gyroscope (GYRO_CONFIG bits 4:3).</summary>
public enum Mpu6050GyroRange
{
    /// <summary>±250 °/s, 131 LSB/(°/s).</summary>
    Dps250 = 0,

    /// <summary>±500 °/s, 65.5 LSB/(°/s).</summary>
    Dps500 = 1,

    /// <summary>±1000 °/s, 32.8 LSB/(°/s).</summary>
    Dps1000 = 2,

    /// <summary>±2000 °/s, 16.4 LSB/(°/s).</summary>
    Dps2000 = 3,
}
