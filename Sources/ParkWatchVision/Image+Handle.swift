extension Image {
    /// The `pw_image *` behind this image, for other modules that call the OpenCV shim
    /// (ParkWatchSpaces). Valid only while the `Image` is alive: use it inside `withExtendedLifetime`.
    package var _shimHandle: OpaquePointer { handle }
}
