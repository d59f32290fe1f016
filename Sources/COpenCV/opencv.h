// Debian's OpenCV 4.6 is C++: Swift never imports it. This target exists so SwiftPM takes its
// compiler and linker flags from pkg-config (opencv4) for the shim that depends on it.
