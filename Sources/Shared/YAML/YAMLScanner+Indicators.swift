// MARK: - Indicators

/// The token for each indicator: stream and document markers, flow and block collection
/// indicators, keys and values (with the simple-key and indentation bookkeeping each needs),
/// properties, scalars and directives.
extension YAMLScanner {
    mutating func fetchStreamEnd() throws(YAMLError) {
        if column != 0 { column = 0; line += 1 }
        unrollIndent(-1)
        // Every level's candidate key ends here (a flow mapping's key may span lines, so an
        // unclosed one would otherwise stay possible and keep asking for tokens).
        for i in simpleKeys.indices where simpleKeys[i].possible {
            if simpleKeys[i].required { throw YAMLError("could not find the ':' of an implicit mapping key", at: simpleKeys[i].mark) }
            simpleKeys[i].possible = false
        }
        simpleKeyAllowed = false
        streamEndProduced = true
        tokens.append(YAMLToken(kind: .streamEnd, mark: mark))
    }

    mutating func fetchDocumentIndicator(_ kind: YAMLToken.Kind) throws(YAMLError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        advance(3)
        tokens.append(YAMLToken(kind: kind, mark: start))
        if kind == .documentEnd {
            while Self.isBlank(at(0)) { advance() }
            guard Self.isBlankZ(at(0)) || at(0) == UInt8(ascii: "#") else {
                throw error("only a comment may follow a document end marker on its line")
            }
        }
    }

    mutating func fetchFlowCollectionStart(_ kind: YAMLToken.Kind, mapping: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeys.append(SimpleKey())
        flowIsMapping.append(mapping)
        flowLevel += 1
        simpleKeyAllowed = true
        let start = mark
        advance()
        tokens.append(YAMLToken(kind: kind, mark: start))
    }

    mutating func fetchFlowCollectionEnd(_ kind: YAMLToken.Kind) throws(YAMLError) {
        try removeSimpleKey()
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
            flowIsMapping.removeLast()
        }
        simpleKeyAllowed = false
        let start = mark
        advance()
        tokens.append(YAMLToken(kind: kind, mark: start))
        lastWasJSONLike = true
    }

    mutating func fetchFlowEntry() throws(YAMLError) {
        guard flowLevel > 0 else { throw error("',' is only allowed inside a flow collection") }
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark
        advance()
        tokens.append(YAMLToken(kind: .flowEntry, mark: start))
    }

    mutating func fetchBlockEntry() throws(YAMLError) {
        guard flowLevel == 0 else { throw error("a block sequence entry '-' is not allowed inside a flow collection") }
        guard simpleKeyAllowed else { throw error("a block sequence entry is not allowed here") }
        if tabBeforeToken && indent < column { try refuseTabBeforeBlockCollection(mark) }
        rollIndent(column, tokenNumber: nil, .blockSequenceStart, mark)
        try removeSimpleKey()
        simpleKeyAllowed = true
        let start = mark
        advance()
        tokens.append(YAMLToken(kind: .blockEntry, mark: start))
    }

    mutating func fetchKey() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { throw error("a mapping key '?' is not allowed here") }
            if tabBeforeToken && indent < column { try refuseTabBeforeBlockCollection(mark) }
            rollIndent(column, tokenNumber: nil, .blockMappingStart, mark)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        let start = mark
        advance()
        tokens.append(YAMLToken(kind: .key, mark: start))
    }

    mutating func fetchValue() throws(YAMLError) {
        let key = simpleKeys[simpleKeys.count - 1]
        if key.possible {
            if flowLevel == 0 && key.afterTab && indent < key.mark.column - 1 { try refuseTabBeforeBlockCollection(key.mark) }
            tokens.insert(YAMLToken(kind: .key, mark: key.mark), at: head + key.tokenNumber - tokensParsed)
            rollIndent(key.mark.column - 1, tokenNumber: key.tokenNumber, .blockMappingStart, key.mark)
            simpleKeys[simpleKeys.count - 1].possible = false
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else { throw error("a mapping value is not allowed here") }
                rollIndent(column, tokenNumber: nil, .blockMappingStart, mark)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        let start = mark
        advance()
        tokens.append(YAMLToken(kind: .value, mark: start))
    }

    mutating func fetchAnchor(alias: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        let start = mark
        advance()
        let nameStart = pos
        while !Self.isBlankZ(at(0)) && !Self.isFlowIndicator(at(0)) { advance() }
        guard pos > nameStart else { throw error(alias ? "an alias '*' needs a name" : "an anchor '&' needs a name") }
        let name = String(decoding: bytes[nameStart..<pos], as: UTF8.self)
        tokens.append(YAMLToken(kind: alias ? .alias(name) : .anchor(name), mark: start))
    }

    mutating func fetchTag() throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanTag())
    }

    mutating func fetchBlockScalar(literal: Bool) throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        tokens.append(try scanBlockScalar(literal: literal))
    }

    mutating func fetchFlowScalar(double: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanQuotedScalar(double: double))
        lastWasJSONLike = true
    }

    mutating func fetchDirective() throws(YAMLError) {
        unrollIndent(-1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        if let token = try scanDirective() { tokens.append(token) }
    }
}
