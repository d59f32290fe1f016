/// Weather as a camera sees it, as a level table for `Image.mapped(by:)`.
public enum Fog {
    /// Thick fog: each level blended three parts in four toward light grey (a spread of 255 levels becomes 64).
    public static let thick: [UInt8] = (0..<256).map { UInt8((Double($0) * 0.25 + 157).rounded()) }
}
