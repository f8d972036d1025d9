// Tests for the audit chain's canonical encoding: the exact bytes hashed, canonical JSON of the details, what
// sealing refuses, and an independent Python implementation that recomputes the hashes from the
// documentation.
#include "audit_fixtures.h"
#include "core/audit_chain.h"
#include "core/audit_export.h"
#include "core/audit_json.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

Q_DECLARE_METATYPE(otter::AuditEntry)

using namespace otter;
using namespace otter::testing;

class TestAuditCanonical : public QObject
{
    Q_OBJECT

private slots:
    void canonicalEncodingExactBytes();
    void canonicalEncodingUnambiguous();
    void detailsKeyOrderDoesNotChangeHash();
    void canonicalJson_data();
    void canonicalJson();
    void sealRejects_data();
    void sealRejects();
    void timeText();
    void pythonRecomputesHashes();
};

void TestAuditCanonical::canonicalEncodingExactBytes()
{
    AuditEntry entry;
    entry.seq = 7;
    entry.time = baseTime();
    entry.actor = QStringLiteral("Zoë");
    entry.action = QStringLiteral("a");
    entry.object = QString();
    entry.detailsJson = QByteArrayLiteral(R"({"b": 1, "a": "x"})");

    const QByteArray expected = field("otter-audit-v1") + field("7") + field("2024-05-01T09:30:00.007Z") +
                                field("Zo\xc3\xab") + field("a") + field(QByteArray()) +
                                field(R"({"a":"x","b":1})");
    const auto encoding = AuditChain::canonicalEncoding(entry);
    QVERIFY2(encoding.ok(), qPrintable(encoding.errorMessage()));
    QCOMPARE(*encoding, expected);
    QCOMPARE(encoding->left(18).toHex(), QByteArrayLiteral("0000000e6f747465722d61756469742d7631"));

    // The hash is plain SHA-256 over prevHash ‖ encoding (checked with Qt's SHA-256, not OpenSSL's).
    QVERIFY(AuditChain::seal(entry, AuditChain::genesisPrevHash()).ok());
    QCOMPARE(entry.hash,
             QCryptographicHash::hash(QByteArray(32, '\0') + expected, QCryptographicHash::Sha256));
    QCOMPARE(entry.prevHash, QByteArray(32, '\0'));
}

void TestAuditCanonical::canonicalEncodingUnambiguous()
{
    AuditEntry first = rawEntry(5);
    AuditEntry second = first;
    first.actor = QStringLiteral("ab");
    first.action = QStringLiteral("c");
    second.actor = QStringLiteral("a");
    second.action = QStringLiteral("bc");
    const QByteArray prev = AuditChain::genesisPrevHash();
    QVERIFY(AuditChain::canonicalEncoding(first).value() != AuditChain::canonicalEncoding(second).value());
    QVERIFY(sealedAfter(first, prev).hash != sealedAfter(second, prev).hash);

    // Moving text between the object and the details cannot collide either.
    AuditEntry third = rawEntry(5);
    AuditEntry fourth = third;
    third.object = QStringLiteral("x");
    third.detailsJson = QByteArrayLiteral(R"({"k":"y"})");
    fourth.object = QStringLiteral("xy");
    fourth.detailsJson = QByteArrayLiteral(R"({"k":""})");
    QVERIFY(sealedAfter(third, prev).hash != sealedAfter(fourth, prev).hash);

    // Same contents after a different predecessor: a different hash.
    QVERIFY(sealedAfter(first, prev).hash != sealedAfter(first, QByteArray(32, '\1')).hash);
}

void TestAuditCanonical::detailsKeyOrderDoesNotChangeHash()
{
    AuditEntry first = rawEntry(9);
    AuditEntry second = rawEntry(9);
    first.detailsJson = QByteArrayLiteral(R"({"b": 1, "a": {"y": [true, null], "x": "é"}})");
    second.detailsJson = QByteArrayLiteral("{\"a\":{\"x\":\"\\u00e9\",\"y\":[true,null]},\"b\":1.0}");
    const QByteArray prev = AuditChain::genesisPrevHash();
    const AuditEntry sealedFirst = sealedAfter(first, prev);
    const AuditEntry sealedSecond = sealedAfter(second, prev);
    QCOMPARE(sealedFirst.hash, sealedSecond.hash);
    QCOMPARE(sealedFirst.detailsJson, QByteArray(R"({"a":{"x":"é","y":[true,null]},"b":1})"));
    QCOMPARE(sealedFirst.detailsJson, sealedSecond.detailsJson);

    AuditEntry third = first;
    third.detailsJson = QByteArrayLiteral(R"({"b": 2, "a": {"y": [true, null], "x": "é"}})");
    QVERIFY(sealedAfter(third, prev).hash != sealedFirst.hash);

    // Empty details mean an empty object.
    AuditEntry empty = rawEntry(9);
    empty.detailsJson.clear();
    QCOMPARE(sealedAfter(empty, prev).detailsJson, QByteArrayLiteral("{}"));
}

void TestAuditCanonical::canonicalJson_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical"); // empty: must be rejected
    QTest::addColumn<QString>("error");

    const auto ok = [](const char *name, const QByteArray &input, const QByteArray &canonical) {
        QTest::newRow(name) << input << canonical << QString();
    };
    const auto bad = [](const char *name, const QByteArray &input, const char *error) {
        QTest::newRow(name) << input << QByteArray() << QString::fromUtf8(error);
    };

    ok("empty object", "{ }", "{}");
    ok("whitespace", " \t\r\n{ \"a\" :\n1 } \n", R"({"a":1})");
    ok("nested sort", R"({"b":{"d":1,"c":2},"a":[{"z":0,"y":0}]})",
       R"({"a":[{"y":0,"z":0}],"b":{"c":2,"d":1}})");
    // RFC 8785 number forms (ECMAScript Number.prototype.toString).
    ok("1.0", R"({"n":1.0})", R"({"n":1})");
    ok("4.50", R"({"n":4.50})", R"({"n":4.5})");
    ok("1E2", R"({"n":1E2})", R"({"n":100})");
    ok("2e-3", R"({"n":2e-3})", R"({"n":0.002})");
    ok("1e-6 stays plain", R"({"n":1e-6})", R"({"n":0.000001})");
    ok("1e-7 goes exponent", R"({"n":1e-7})", R"({"n":1e-7})");
    ok("1.5e-6", R"({"n":1.5e-6})", R"({"n":0.0000015})");
    ok("123e-20", R"({"n":123e-20})", R"({"n":1.23e-18})");
    ok("1e20 stays plain", R"({"n":1e20})", R"({"n":100000000000000000000})");
    ok("1e21 goes exponent", R"({"n":1e21})", R"({"n":1e+21})");
    ok("shortest digits", R"({"n":333333333.33333329})", R"({"n":333333333.3333333})");
    ok("0.1", R"({"n":0.1})", R"({"n":0.1})");
    ok("negative fraction", R"({"n":-17.25})", R"({"n":-17.25})");
    ok("minus zero", R"({"n":-0})", R"({"n":0})");
    ok("minus zero fraction", R"({"n":-0.0})", R"({"n":0})");
    ok("smallest subnormal", R"({"n":5e-324})", R"({"n":5e-324})");
    ok("largest double", R"({"n":1.7976931348623157e308})", R"({"n":1.7976931348623157e+308})");
    ok("largest exact integer", R"({"n":-9007199254740991})", R"({"n":-9007199254740991})");
    // Strings: only the mandatory escapes, everything else verbatim UTF-8.
    ok("escapes", R"({"s":"\"\\\/\b\f\n\r\t"})", R"({"s":"\"\\/\b\f\n\r\t"})");
    ok("control characters", R"({"s":"\u0000\u001F\u007f"})", "{\"s\":\"\\u0000\\u001f\x7f\"}");
    ok("unicode escapes decoded", R"({"s":"\u00e9\u20AC\ud83d\ude00"})",
       "{\"s\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}");
    ok("literals", R"({"t":true,"f":false,"n":null})", R"({"f":false,"n":null,"t":true})");
    // Keys sort by UTF-16 code units: U+1F600 (D83D DE00) before U+FB01, unlike code point order.
    ok("utf-16 key order", "{\"\xef\xac\x81\":1,\"\xf0\x9f\x98\x80\":2,\"z\":3}",
       "{\"z\":3,\"\xf0\x9f\x98\x80\":2,\"\xef\xac\x81\":1}");
    ok("empty input is an empty object", "", "{}");

    bad("array", "[1,2]", "expected a JSON object");
    bad("string", "\"x\"", "expected a JSON object");
    bad("duplicate key", R"({"a":1,"b":2,"a":3})", "duplicate key \"a\"");
    ok("big integer in canonical form", R"({"n":100000000000000000000})", R"({"n":100000000000000000000})");
    ok("2^53 is exact", R"({"n":9007199254740992})", R"({"n":9007199254740992})");
    bad("integer that would change", R"({"n":9007199254740993})",
        "integer 9007199254740993 cannot be represented exactly");
    bad("64-bit id", R"({"id":1152921504606846976})",
        "integer 1152921504606846976 cannot be represented exactly");
    bad("overflow", R"({"n":1e400})", "number 1e400 does not fit a double");
    bad("underflow", R"({"n":1e-400})", "number 1e-400 does not fit a double");
    bad("leading zero", R"({"n":01})", "invalid JSON at byte 6");
    bad("bare dot", R"({"n":1.})", "digits must follow '.'");
    bad("plus sign", R"({"n":+1})", "unexpected character");
    bad("NaN", R"({"n":NaN})", "unexpected character");
    bad("trailing comma", R"({"a":1,})", "expected a string key");
    bad("trailing data", R"({"a":1} x)", "unexpected data after the JSON value");
    bad("two documents", R"({}{})", "unexpected data after the JSON value");
    bad("single quotes", "{'a':1}", "expected a string key");
    bad("raw control character", "{\"a\":\"x\ty\"}", "control character in a string");
    bad("lone high surrogate", R"({"s":"\ud83d"})", "unpaired surrogate");
    bad("lone low surrogate", R"({"s":"\ude00x"})", "unpaired surrogate");
    bad("invalid escape", R"({"s":"\x"})", "invalid escape sequence");
    bad("invalid utf-8", "{\"s\":\"\xff\"}", "invalid UTF-8");
    bad("overlong utf-8", "{\"s\":\"\xc0\xaf\"}", "invalid UTF-8");
    bad("utf-8 surrogate", "{\"s\":\"\xed\xa0\x80\"}", "invalid UTF-8");
    bad("unterminated", R"({"s":"abc)", "unterminated string");
    bad("too deep", QByteArray("{\"a\":") + QByteArray(64, '[') + QByteArray(64, ']') + "}",
        "nested deeper than 64");
}

void TestAuditCanonical::canonicalJson()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);
    QFETCH(QString, error);

    const auto result = canonicalJsonObject(input);
    if (canonical.isEmpty()) {
        QVERIFY(!result.ok());
        QVERIFY2(result.errorMessage().contains(error), qPrintable(result.errorMessage()));
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
    QCOMPARE(*result, canonical);
    // Canonical form is a fixed point.
    QCOMPARE(canonicalJsonObject(*result).value(), canonical);
}

void TestAuditCanonical::sealRejects_data()
{
    QTest::addColumn<AuditEntry>("entry");
    QTest::addColumn<QString>("error");

    AuditEntry entry = rawEntry(3);
    entry.detailsJson = "[1]";
    QTest::newRow("details not an object") << entry << QStringLiteral("details: expected a JSON object");
    entry = rawEntry(3);
    entry.detailsJson = "{\"a\":1";
    QTest::newRow("details not JSON") << entry << QStringLiteral("details: invalid JSON");
    entry = rawEntry(3);
    entry.actor = QString(QChar(0xD800)) + QStringLiteral("x");
    QTest::newRow("unpaired surrogate") << entry << QStringLiteral("actor is not valid Unicode");
    entry = rawEntry(3);
    entry.object = QString(70000, QLatin1Char('o'));
    QTest::newRow("object too long") << entry
                                     << QStringLiteral(
                                            "object is too long (70000 bytes; the limit is 65536)");
    entry = rawEntry(3);
    entry.seq = -1;
    QTest::newRow("negative seq") << entry << QStringLiteral("seq -1 is out of range");
    entry = rawEntry(3);
    entry.seq = qint64(1) << 53;
    QTest::newRow("seq beyond 2^53") << entry << QStringLiteral("seq 9007199254740992 is out of range");
    entry = rawEntry(3);
    entry.time = QDateTime();
    QTest::newRow("no time") << entry << QStringLiteral("time is missing");
    entry = rawEntry(3);
    entry.time = QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("year 10000") << entry << QStringLiteral("outside the years 1 to 9999");
}

void TestAuditCanonical::sealRejects()
{
    QFETCH(AuditEntry, entry);
    QFETCH(QString, error);

    const AuditEntry before = entry;
    const auto sealed = AuditChain::seal(entry, AuditChain::genesisPrevHash());
    QVERIFY(!sealed.ok());
    QVERIFY2(sealed.errorMessage().contains(error), qPrintable(sealed.errorMessage()));
    QCOMPARE(entry, before); // untouched on failure
    QVERIFY(!AuditExport::toJsonLine(entry).ok());
}

void TestAuditCanonical::timeText()
{
    // Offsets are converted to the UTC instant.
    const QDateTime local(QDate(2024, 3, 31), QTime(3, 15, 42, 5), Qt::OffsetFromUTC, 2 * 3600);
    QCOMPARE(AuditChain::timeText(local), QStringLiteral("2024-03-31T01:15:42.005Z"));
    QCOMPARE(AuditChain::timeText(QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC)),
             QStringLiteral("0001-01-01T00:00:00.000Z"));

    const auto parsed = AuditChain::parseTimeText(u"2024-03-31T01:15:42.005Z");
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, local);
    QCOMPARE(parsed->timeSpec(), Qt::UTC);

    AuditEntry sealed = rawEntry(1);
    sealed.time = local;
    QVERIFY(AuditChain::seal(sealed, AuditChain::genesisPrevHash()).ok());
    QCOMPARE(sealed.time.timeSpec(), Qt::UTC);

    for (const char16_t *text :
         {u"2024-03-31T01:15:42Z", u"2024-03-31T01:15:42.005+00:00", u"2024-03-31T01:15:42.005z",
          u"2024-02-30T01:15:42.005Z", u"2024-03-31T24:00:00.000Z", u"2024-03-31 01:15:42.005Z",
          u"0000-01-01T00:00:00.000Z", u"2024-03-31T01:15:60.000Z", u""}) {
        QVERIFY2(!AuditChain::parseTimeText(QStringView(text)).ok(), qPrintable(QString::fromUtf16(text)));
    }
}

void TestAuditCanonical::pythonRecomputesHashes()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");

    // Written from the documentation in audit_chain.h and audit_json.h alone, sharing no code with Otter.
    static const char script[] = R"PY(
import hashlib, json, struct, sys

def number(v):
    if isinstance(v, int):
        if abs(v) <= 2**53 - 1: return str(v)
        v = float(v)  # JSON numbers are doubles
    if v == 0: return '0'
    if v < 0: return '-' + number(-v)
    mantissa, _, exp = repr(v).partition('e')
    whole, _, frac = mantissa.partition('.')
    digits = whole + frac
    leading = len(digits) - len(digits.lstrip('0'))
    n = len(whole) - leading + (int(exp) if exp else 0)
    digits = digits.strip('0')
    k = len(digits)
    if k <= n <= 21: return digits + '0' * (n - k)
    if 0 < n <= 21: return digits[:n] + '.' + digits[n:]
    if -6 < n <= 0: return '0.' + '0' * -n + digits
    e = n - 1
    return digits[0] + ('.' + digits[1:] if k > 1 else '') + 'e' + ('-' if e < 0 else '+') + str(abs(e))

ESCAPES = {'"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r'}
def string(s):
    return '"' + ''.join(ESCAPES.get(c) or ('\\u%04x' % ord(c) if ord(c) < 0x20 else c) for c in s) + '"'

def canonical(v):
    if v is None: return 'null'
    if v is True: return 'true'
    if v is False: return 'false'
    if isinstance(v, (int, float)): return number(v)
    if isinstance(v, str): return string(v)
    if isinstance(v, list): return '[' + ','.join(canonical(x) for x in v) + ']'
    items = sorted(v.items(), key=lambda kv: kv[0].encode('utf-16-be'))
    return '{' + ','.join(string(k) + ':' + canonical(x) for k, x in items) + '}'

def field(b):
    return struct.pack('>I', len(b)) + b

prev = bytes(32)
for line in sys.stdin.buffer:
    e = json.loads(line)
    if 'format' in e: break
    details = canonical(e['details']).encode('utf-8')
    encoding = (field(b'otter-audit-v1') + field(str(e['seq']).encode()) + field(e['time'].encode())
                + field(e['actor'].encode('utf-8')) + field(e['action'].encode('utf-8'))
                + field(e['object'].encode('utf-8')) + field(details))
    assert bytes.fromhex(e['prev_hash']) == prev, 'link'
    prev = hashlib.sha256(prev + encoding).digest()
    print(prev.hex(), details.decode('utf-8'))
)PY";

    QList<AuditEntry> entries;
    AuditEntry tricky = rawEntry(1);
    tricky.actor = QStringLiteral("Zoë 😀");
    tricky.object = QStringLiteral("device/\"quoted\"\\path");
    tricky.detailsJson = QByteArray(
        "{\"z\": [1, 2.50, -0, 1E21, 1e-7, 0.000001, 123e-20, 333333333.33333329, -17.25, "
        "100000000000000000000, true, false, null],"
        " \"\xef\xac\x81\": \"ligature\", \"\xf0\x9f\x98\x80\": \"emoji\", \"big\": -9007199254740991,"
        " \"a\": {\"text\": \"tab\\there \\\"quoted\\\" back\\\\slash \\u001f ctl \\u007f del \\u00e9 "
        "\\u2028\"}}");
    entries.append(sealedAfter(tricky, AuditChain::genesisPrevHash()));
    for (qint64 seq = 2; seq <= 3; ++seq)
        entries.append(sealedAfter(rawEntry(seq), entries.last().hash));

    QProcess process;
    process.start(python, {QStringLiteral("-c"), QString::fromUtf8(script)});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    process.write(exportOf(entries));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    const QList<QByteArray> outputLines = process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(outputLines.size(), entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const qsizetype space = outputLines[i].indexOf(' ');
        QCOMPARE(outputLines[i].left(space), entries[i].hash.toHex());
        QCOMPARE(outputLines[i].mid(space + 1), entries[i].detailsJson);
    }
    QVERIFY(entries[0].detailsJson.startsWith(
        "{\"a\":{\"text\":\"tab\\there \\\"quoted\\\" back\\\\slash \\u001f ctl \x7f"));
}

QTEST_GUILESS_MAIN(TestAuditCanonical)
#include "tst_audit_canonical.moc"
