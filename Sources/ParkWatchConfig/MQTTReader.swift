import Foundation

/// The MQTT broker states are published to, and how.
package struct MQTTConfig: Sendable, Equatable {
    /// `mqtt://[user:password@]host[:port]`, or `mqtts://` for TLS.
    package var url: String
    /// First level of every state topic.
    package var prefix: String
    /// Publish Home Assistant discovery configs under `homeassistant/`.
    package var discovery: Bool
    /// 0, 1 or 2.
    package var qos: Int

    package init(url: String, prefix: String = "parkwatch", discovery: Bool = true, qos: Int = 1) {
        self.url = url
        self.prefix = prefix
        self.discovery = discovery
        self.qos = qos
    }
}

/// Reads the `mqtt` section.
struct MQTTReader {
    static let keys = ["url", "prefix", "discovery", "qos"]

    func read(_ field: Field) -> MQTTConfig? {
        guard let map = FieldMap.read(field, allowed: Self.keys) else { return nil }
        guard let urlField = map["url"] else {
            field.fail("needs a url such as mqtt://user:password@broker.local:1883")
            return nil
        }
        var mqtt = MQTTConfig(url: "")
        if let url = brokerURL(urlField) { mqtt.url = url }
        if let prefix = map["prefix"]?.nonEmptyText() {
            if prefix.contains(where: { "#+".contains($0) }) || prefix.hasPrefix("/") || prefix.hasSuffix("/") {
                map["prefix"]?.fail("must be a topic level or path without wildcards (# +) or a leading or trailing / (got `\(prefix)`)")
            } else {
                mqtt.prefix = prefix
            }
        }
        if let discovery = map["discovery"]?.flag() { mqtt.discovery = discovery }
        if let qos = map["qos"]?.wholeNumber(in: 0...2) { mqtt.qos = qos }
        return mqtt.url.isEmpty ? nil : mqtt
    }

    private func brokerURL(_ field: Field) -> String? {
        guard let text = field.nonEmptyText() else { return nil }
        guard let url = URL(string: text), ["mqtt", "mqtts"].contains(url.scheme ?? ""), !(url.host ?? "").isEmpty else {
            // The text may hold a password: name the rule, not the value.
            field.fail("must be an mqtt:// or mqtts:// URL with a host, such as mqtt://broker.local:1883")
            return nil
        }
        return text
    }
}
