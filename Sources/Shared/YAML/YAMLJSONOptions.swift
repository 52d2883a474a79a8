/// How `YAMLNode.json(options:)` treats mapping keys that are not strings.
///
/// JSON object keys are strings. A collection or null key can never be one and is always an
/// error; for a scalar key that resolves to a number or boolean (`200:` in an OpenAPI
/// `responses` map, which AWS, PyYAML + `json.dumps` and Jackson all accept) the default is to
/// use its text as written, `strictKeys` refuses it instead.
package struct YAMLJSONOptions: Sendable {
    /// Refuse scalar keys that resolve to anything but a string.
    package var strictKeys: Bool

    package init(strictKeys: Bool = false) {
        self.strictKeys = strictKeys
    }
}
