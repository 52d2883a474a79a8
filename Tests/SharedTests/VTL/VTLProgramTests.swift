import Testing
@testable import Shared

/// Velocity constructs, one row each: references, directives, literals, operators, escaping and
/// whitespace, with the output Velocity 1.7 gives.
@Suite struct VTLProgramTests {
    static let references: [VTLCase] = [
        VTLCase("plain text", "plain text"),
        VTLCase("#set($a = 'x')$a ${a} $!a $!{a}", "x x x x"),
        VTLCase("$missing ${missing} $!missing. $!{missing}|", "$missing ${missing} . |"),
        VTLCase("$missing.prop $missing.call(1, 'a')", "$missing.prop $missing.call(1, 'a')"),
        VTLCase("#set($m = {'b': 'B', 'c': {'d': 4}})$m.b $m.c.d ${m.b}x $m.get('b')", "B 4 Bx B"),
        VTLCase("#set($l = ['p', 'q', 'r'])$l[0]$l[2]$l[-1] $l.get(1)", "prr q"),
        VTLCase("#set($m = {'k': 'v'})$m[\"k\"] $m['k']", "v v"),
        VTLCase("Cost: $5.00 and $ alone and $.", "Cost: $5.00 and $ alone and $."),
        VTLCase("#set($name = 'n')$name. end", "n. end"),
        VTLCase("#set($a-b = 1)$a-b", "1"),
        VTLCase("#set($l = [])$l.empty|#set($s = '')$s.empty", "true|true"),
        VTLCase("#set($m = {})$m.empty", "$m.empty"),
        VTLCase("#set($x = 'abc')$x.length() $x.toString()", "3 abc"),
        VTLCase("#set($x = 1.5)$x|#set($y = 10)$y|#set($t = true)$t", "1.5|10|true"),
        VTLCase("#set($l = [1, 'a', [2], {'k': 'v'}])$l", "[1, a, [2], {k=v}]"),
        VTLCase("#set($i = 7)$i.toString().length() $i.equals(7)", "1 true"),
    ]

    static let directives: [VTLCase] = [
        VTLCase("#set($a = 1)#set($a = $missing)$a", "1"),
        VTLCase("#set($m = {})#set($m.k = 'v')#set($m['j'] = 2)$m", "{k=v, j=2}"),
        VTLCase("#set($l = [1, 2])#set($l[1] = 9)$l", "[1, 9]"),
        VTLCase("#if(true)yes#end #if(false)no#else else#end", "yes  else"),
        VTLCase("#set($n = 2)#if($n == 1)one#elseif($n == 2)two#elseif($n == 3)three#{else}many#end", "two"),
        VTLCase("#if($missing)set#else unset#end #if('')empty-is-true#end #if([])list#end", " unset empty-is-true list"),
        VTLCase("#if(!$missing)a#end#if(not $missing)b#end", "ab"),
        VTLCase("#foreach($x in [1, 2, 3])$x#if($foreach.hasNext),#end#end", "1,2,3"),
        VTLCase("#foreach($x in ['a', 'b'])$foreach.index:$foreach.count:$velocityCount:$foreach.first:$foreach.last #end",
                "0:1:1:true:false 1:2:2:false:true "),
        VTLCase("#foreach($x in [1..5])#if($x == 3)#break#end$x#end", "12"),
        VTLCase("#foreach($x in [3..1])$x#end #foreach($x in [-1..1])$x#end", "321 -101"),
        VTLCase("#set($r = 2)#foreach($x in [1..$r])$x#end", "12"),
        VTLCase("#foreach($v in {'a': 1, 'b': 2})$v#end", "12"),
        VTLCase("#foreach($x in $missing)never#end done", " done"),
        VTLCase("#set($x = 'outer')#foreach($x in [1])$x#end $x", "1 outer"),
        VTLCase("#foreach($i in [1, 2])#foreach($j in ['a', 'b'])$i$j$foreach.parent.index #end#end", "1a0 1b0 2a1 2b1 "),
        VTLCase("before#stop after", "before"),
        VTLCase("#foreach($x in [1, 2])$x#stop#end after", "1"),
        VTLCase("#define($block)[$v]#end#set($v = 1)$block #set($v = 2)$block", "[1][2]"),
        VTLCase("#macro(greet $who $how)$how, $who!#end#greet('Ann' 'Hi') #greet('Bob', 'Yo')", "Hi, Ann! Yo, Bob!"),
        VTLCase("#twice('x')#macro(twice $s)$s$s#end", "xx"),
        VTLCase("#macro(m $p)$p#end#set($p = 'kept')#m('arg') $p", "arg kept"),
        VTLCase("#macro(stopper)a#break b#end#stopper()c", "ac"),
        VTLCase("#unknown('x') #unknown", "#unknown('x') #unknown"),
        VTLCase("## comment\nline ## trailing\nnext", "line next"),
        VTLCase("a#* block\ncomment *#b #** doc *#c", "ab c"),
        VTLCase("#[[ $raw #if( ]]#", " $raw #if( "),
        VTLCase("# not a directive #1 #", "# not a directive #1 #"),
    ]

    static let expressions: [VTLCase] = [
        VTLCase("#set($a = 7)#set($b = 2)${a}+$b=#set($c = $a + $b)$c", "7+2=9"),
        VTLCase("#set($x = 7 / 2)$x|#set($x = -7 / 2)$x|#set($x = 7 % 3)$x|#set($x = 7.0 / 2)$x", "3|-3|1|3.5"),
        VTLCase("#set($x = 2 * 3 + 4)$x|#set($x = 2 * (3 + 4))$x|#set($x = 10 - 2 - 3)$x", "10|14|5"),
        VTLCase("#set($x = 1)#set($x = 1 / 0)$x|#set($y = 5 % 0)$y", "1|$y"),
        VTLCase("#set($x = 1 / 0)$!x|", "|"),
        VTLCase("#set($x = 0.1 + 0.2)$x|#set($y = 1.0)$y|#set($z = 100.0 * 100000)$z|#set($w = 0.0001)$w", "0.30000000000000004|1.0|1.0E7|1.0E-4"),
        VTLCase("#set($x = 'a' + 1)$x|#set($y = 1 + 'b')$y|#set($z = 'n' + $missing)$z", "a1|1b|$z"),
        VTLCase("#set($x = 9223372036854775807 + 1)$x", "-9223372036854775808"),
        VTLCase("#if(1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3)ok#end #if(1 lt 2 and 2 le 2 and 3 gt 2 and 3 ge 3)words#end", "ok words"),
        VTLCase("#if(1 == 1.0)num#end #if('1' == 1)str#end #if('a' != 'b')ne#end #if('a' eq 'a' and 'a' ne 'b')w#end", "num str ne w"),
        VTLCase("#if($missing == $missing2)nulls#end #if($missing != 'x')nn#end #if('b' < 'a' || 'a' < 'b')x#else none#end",
                "nulls nn  none"),
        VTLCase("#if(false || true)or#end #if(false or false)x#else no#end #if(!(1 == 2))not#end", "or  no not"),
        VTLCase("#set($l = [1, 2] == [1, 2])$l|#set($m = {'a': 1} == {'a': 1})$m", "true|true"),
        VTLCase(##"#set($s = "x=$n")#set($n = 5)#set($t = "x=$n")$s $t"##, "x=$n x=5"),
        VTLCase(##"#set($n = 5)#set($q = 'no $n')#set($d = "say ""hi""")$q $d"##, ##"no $n say "hi""##),
        VTLCase(##"#set($s = "#if(true)in#end")$s"##, "in"),
        VTLCase(##"#set($s = "a\tb")$s"##, ##"a\tb"##),
        VTLCase("#set($l = [])#set($_ = $l.add('x'))#set($_ = $l.add(1))$l $l.size()", "[x, 1] 2"),
        VTLCase("#set($m = {})$m.put('a', 1)|$m.put('a', 2)|$m", "$m.put('a', 1)|1|{a=2}"),
        VTLCase("#set($m = {'a': 1, 'b': 2})$m.keySet() $m.values() $m.containsKey('a') $m.containsKey('z') $m.size()",
                "[a, b] [1, 2] true false 2"),
        VTLCase("#set($m = {'a': 1, 'b': 2})#foreach($e in $m.entrySet())$e.key=$e.value;#end", "a=1;b=2;"),
        VTLCase("#set($m = {1: 'int', '1': 'str'})$m.get(1) $m.get('1')", "int str"),
        VTLCase("#set($l = ['a', 'b'])$l.contains('a') $l.contains('z') $l.isEmpty() $l.indexOf('b')", "true false false 1"),
        VTLCase("#set($l = ['a'])#set($b = $l)$b.add('c')$l", "true[a, c]"),
    ]

    static let strings: [VTLCase] = [
        VTLCase("#set($s = 'Hello, World')$s.length() $s.substring(7) $s.substring(0, 5) $s.indexOf('o') $s.indexOf('o', 5) $s.lastIndexOf('o')",
                "12 World Hello 4 8 8"),
        VTLCase("#set($s = ' MiXed ')[$s.trim()] $s.toLowerCase() $s.toUpperCase()", "[MiXed]  mixed   MIXED "),
        VTLCase("#set($s = 'abc')$s.startsWith('ab') $s.endsWith('bc') $s.contains('b') $s.equals('abc') $s.isEmpty() $s.charAt(1)",
                "true true true true false b"),
        VTLCase("#set($s = 'a.b.c')$s.replace('.', '/') $s.replaceAll('\\.', '-') $s.replaceFirst('[.]', '')", "a/b/c a-b-c ab.c"),
        VTLCase("#set($s = 'a1b22c333')$s.replaceAll('[0-9]+', '#') $s.replaceAll('([a-z])([0-9])', '$2$1')", "a#b#c# 1a2b23c33"),
        VTLCase("#set($s = 'a,b,,c,,')$s.split(',') $s.split(',').size() $s.split(',', -1).size()", "[a, b, , c] 4 6"),
        VTLCase("#set($s = 'key=value')#set($p = $s.split('='))$p[0] $p.get(1)", "key value"),
        VTLCase("#set($s = 'abc123')$s.matches('[a-z]+\\d+') $s.matches('[a-z]+')", "true false"),
        VTLCase("#set($s = 'é😀x')$s.length() $s.substring(3)", "4 x"),
        VTLCase(##"#set($s = "it's")$s.replaceAll("'", "\\'")"##, ##"it\'s"##),
        VTLCase(##"#set($s = "it\'s")$s.replaceAll("\\'", "'")"##, "it's"),
        VTLCase("#set($s = 'abc')$s.substring('x') $s.nothing()", "$s.substring('x') $s.nothing()"),
    ]

    static let escaping: [VTLCase] = [
        VTLCase(##"#set($e = 'foo')$e \$e \\$e \\\$e"##, ##"foo $e \foo \$e"##),
        VTLCase(##"\$u \\$u \\\$u"##, ##"\$u \\$u \\\$u"##),
        VTLCase(##"\#if(true) x \#end"##, "#if(true) x #end"),
        VTLCase(##"\\#if(true)y#end"##, ##"\y"##),
        VTLCase(##"a\b \# \#notdirective"##, ##"a\b \# \#notdirective"##),
    ]

    static let whitespace: [VTLCase] = [
        VTLCase("{\n  #set($a = 1)\n  \"a\": $a\n}", "{\n  \"a\": 1\n}"),
        VTLCase("#foreach($x in [1, 2])\n  $x\n#end\ndone", "  1\n  2\ndone"),
        VTLCase("#if(true)\nyes\n#else\nno\n#end\n", "yes\n"),
        VTLCase("[#if(true) a #end]", "[ a ]"),
        VTLCase("#set($a = 1)   \nnext", "next"),
        VTLCase("#set($a = 1) trailing\n", " trailing\n"),
        VTLCase("line\r\n#set($a = 1)\r\nnext", "line\r\nnext"),
        VTLCase("#macro(m)\nbody\n#end\n#m()\nafter", "body\nafter"),
    ]

    @Test(arguments: references) func rendersReferences(row: VTLCase) throws { try Self.check(row) }
    @Test(arguments: directives) func rendersDirectives(row: VTLCase) throws { try Self.check(row) }
    @Test(arguments: expressions) func evaluatesExpressionsAndCollections(row: VTLCase) throws { try Self.check(row) }
    @Test(arguments: strings) func callsJavaStringMethods(row: VTLCase) throws { try Self.check(row) }
    @Test(arguments: escaping) func escapesAsVelocityDoes(row: VTLCase) throws { try Self.check(row) }
    @Test(arguments: whitespace) func gobblesDirectiveLinesAsVelocity17(row: VTLCase) throws { try Self.check(row) }

    static func check(_ row: VTLCase) throws {
        #expect(try VTL.render(row.template) == row.expected)
    }

    @Test func oneProgramRendersManyContextsWithoutSharingState() throws {
        let program = try VTLProgram.compile("#set($l = [])#set($_ = $l.add($v))$l $v")
        #expect(try program.render(["v": .string("a")]) == "[a] a")
        #expect(try program.render(["v": .int(2)]) == "[2] 2")
        #expect(try program.render() == "[null] $v")
    }

    @Test func hostObjectsProvidePropertiesMethodsAndSettableProperties() throws {
        final class Recorder: VTLHostObject {
            var status: VTLValue = .null
            func property(_ name: String) -> VTLValue? { name == "name" ? .string("rec") : nil }
            func call(_ method: String, _ arguments: [VTLValue]) throws(VTLHostError) -> VTLValue? {
                method == "twice" ? .int((arguments.first.flatMap { if case .int(let v) = $0 { v } else { nil } } ?? 0) * 2) : nil
            }
            func setProperty(_ name: String, _ value: VTLValue) -> Bool { if name == "status" { status = value; return true }; return false }
            var rendered: String { "Recorder" }
        }
        let recorder = Recorder()
        let output = try VTL.render("$r.name $r.twice(21) $r.other $r #set($r.status = 404)", ["r": .host(recorder)])
        #expect(output == "rec 42 $r.other Recorder")
        guard case .int(404) = recorder.status else { Issue.record("status not set: \(recorder.status)"); return }
    }

    @Test func selfContainingListsRenderAsAnErrorAndLeaveNoCycle() throws {
        let error = try VTL.runtimeError("#set($l = [])#set($_ = $l.add($l))$l")
        #expect(error?.kind == .valueTooDeep(64))
        weak var leaked: VTLList?
        do {
            let list = VTLList()
            leaked = list
            _ = try? VTLProgram.compile("#set($_ = $l.add($l))").render(["l": .list(list)])
        }
        #expect(leaked == nil)
    }
}
