extension Duration {
    /// This duration as a number of seconds, for arithmetic, timeouts and printing (a Duration only
    /// counts and compares). Every module that times or waits converts through here.
    package var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    package var inMilliseconds: Double { inSeconds * 1000 }
}
