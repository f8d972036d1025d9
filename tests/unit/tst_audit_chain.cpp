// Tests for the audit hash chain: canonical encoding, sealing, tamper detection, and the JSON Lines export.
#include "core/audit_chain.h"
#include "core/audit_export.h"
#include "core/audit_json.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>
#include <QtEndian>

Q_DECLARE_METATYPE(otter::AuditEntry)

using namespace otter;

namespace {

QDateTime baseTime()
{
    return QDateTime(QDate(2024, 5, 1), QTime(9, 30, 0, 7), Qt::UTC);
}

// A realistic unsealed entry; details are deliberately not canonical (spaces, unsorted keys).
AuditEntry rawEntry(qint64 seq)
{
    static const QString actors[] = {QStringLiteral("system"), QStringLiteral("alice"),
                                     QStringLiteral("bob")};
    AuditEntry entry;
    entry.seq = seq;
    entry.time = baseTime().addMSecs(seq * 1234);
    entry.actor = actors[seq % 3];
    entry.action = seq % 2 ? QStringLiteral("rollout.start") : QStringLiteral("group.update");
    entry.object = QStringLiteral("rollout/r-%1").arg(seq % 17);
    entry.detailsJson =
        QStringLiteral(R"({ "reason": "step %1", "n": %1, "list": [1, 2.5, "x"] })").arg(seq).toUtf8();
    return entry;
}

AuditEntry sealedAfter(AuditEntry entry, const QByteArray &prevHash)
{
    const auto sealed = AuditChain::seal(entry, prevHash);
    if (!sealed)
        qFatal("seal failed: %s", qPrintable(sealed.errorMessage()));
    return entry;
}

QList<AuditEntry> makeChain(int count)
{
    QList<AuditEntry> chain;
    QByteArray prev = AuditChain::genesisPrevHash();
    for (int seq = 1; seq <= count; ++seq) {
        chain.append(sealedAfter(rawEntry(seq), prev));
        prev = chain.last().hash;
    }
    return chain;
}

void rehash(AuditEntry &entry)
{
    entry.hash = AuditChain::computeHash(entry).value();
}

QByteArray field(const QByteArray &bytes)
{
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    return QByteArray(length, 4) + bytes;
}

QByteArray exportOf(const QList<AuditEntry> &entries,
                    const QByteArray &startPrevHash = AuditChain::genesisPrevHash())
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    AuditExportWriter writer(&buffer, startPrevHash);
    for (const AuditEntry &entry : entries) {
        if (!writer.write(entry))
            qFatal("export write failed");
    }
    if (!writer.finish(baseTime().addDays(1), baseTime().addSecs(3600)))
        qFatal("export finish failed");
    return data;
}

AuditExportVerification verifyExport(QByteArray data, const AuditExportOptions &options = {})
{
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    return AuditExport::verify(&buffer, options);
}

enum Tamper {
    ChangeActor,
    ChangeAction,
    ChangeObject,
    ChangeDetails,
    ChangeTime,
    ChangeSeq,
    ChangePrevHash,
    ChangeHash,
    DeleteEntry,
    SwapEntries,
    InsertForged,
    InsertSealed,
    DuplicateEntry,
    ChangeAndRehash,
    RelinkAndRehash,
    RenumberAndRehash,
    DeleteFirst,
    RelinkFirstAndRehash,
    ShortHash,
    BrokenDetails,
};

} // namespace

class TestAuditChain : public QObject
{
    Q_OBJECT

private slots:
    void chainVerifies();
    void tamper_data();
    void tamper();
    void formattingOfDetailsIsNotTampering();
    void truncatedTailShowsInHead();
    void partialRangeFromCheckpoint();
    void canonicalEncodingExactBytes();
    void canonicalEncodingUnambiguous();
    void detailsKeyOrderDoesNotChangeHash();
    void canonicalJson_data();
    void canonicalJson();
    void sealRejects_data();
    void sealRejects();
    void timeText();
    void jsonLineRoundTrip();
    void jsonLineRejects_data();
    void jsonLineRejects();
    void exportVerifies();
    void exportTamper_data();
    void exportTamper();
    void exportPartialRange();
    void exportRewrittenTailNeedsTrustedHead();
    void exportEdgeCases();
    void streamHundredThousand();
    void pythonRecomputesHashes();
};

void TestAuditChain::chainVerifies()
{
    const QList<AuditEntry> chain = makeChain(200);
    QCOMPARE(chain.first().prevHash, QByteArray(32, '\0'));
    for (qsizetype i = 1; i < chain.size(); ++i)
        QCOMPARE(chain[i].prevHash, chain[i - 1].hash);

    const AuditVerification result = AuditChain::verify(chain);
    QVERIFY2(result.ok(), qPrintable(result.summary()));
    QCOMPARE(result.count, qint64(200));
    QCOMPARE(result.head, chain.last().hash);
    QCOMPARE(result.firstSeq, qint64(1));
    QCOMPARE(result.lastSeq, qint64(200));
    QVERIFY(result.startsAtGenesis);
    QVERIFY(result.toResult().ok());
    QCOMPARE(result.summary(),
             QStringLiteral("200 entries verified (seq 1 to 200, from the start of the log); "
                            "chain head %1")
                 .arg(QString::fromLatin1(chain.last().hash.toHex())));

    // Sealing stored the canonical details: what is kept is exactly what was hashed.
    QCOMPARE(chain[4].detailsJson, QByteArrayLiteral(R"({"list":[1,2.5,"x"],"n":5,"reason":"step 5"})"));

    const AuditVerification empty = AuditChain::verify(QList<AuditEntry>());
    QVERIFY(empty.ok());
    QCOMPARE(empty.count, qint64(0));
    QCOMPARE(empty.head, AuditChain::genesisPrevHash());
}

void TestAuditChain::tamper_data()
{
    QTest::addColumn<int>("tamper");
    QTest::addColumn<int>("problem");
    QTest::addColumn<qint64>("index");
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<qint64>("expectedSeq");
    QTest::addColumn<QString>("message");

    const int changed = int(AuditProblem::ContentChanged);
    const int gap = int(AuditProblem::SequenceGap);
    const int order = int(AuditProblem::SequenceOutOfOrder);
    const int link = int(AuditProblem::LinkBroken);
    const int malformed = int(AuditProblem::Malformed);
    const QString contentMessage =
        QStringLiteral("entry 42: hash does not match its contents (the entry was changed)");
    const QString linkMessage =
        QStringLiteral("previous-hash link broken (an entry before it was changed, removed or reordered)");

    // Entry 42 (index 41) of 200 is the victim throughout.
    QTest::newRow("actor") << int(ChangeActor) << changed << qint64(41) << qint64(42) << qint64(42)
                           << contentMessage;
    QTest::newRow("action") << int(ChangeAction) << changed << qint64(41) << qint64(42) << qint64(42)
                            << contentMessage;
    QTest::newRow("object") << int(ChangeObject) << changed << qint64(41) << qint64(42) << qint64(42)
                            << contentMessage;
    QTest::newRow("details") << int(ChangeDetails) << changed << qint64(41) << qint64(42) << qint64(42)
                             << contentMessage;
    QTest::newRow("time by 1 ms") << int(ChangeTime) << changed << qint64(41) << qint64(42) << qint64(42)
                                  << contentMessage;
    QTest::newRow("seq") << int(ChangeSeq) << changed << qint64(41) << qint64(99) << qint64(42)
                         << QStringLiteral(
                                "entry 99 (at the position of entry 42): hash does not match its contents "
                                "(the entry was changed)");
    QTest::newRow("prev hash") << int(ChangePrevHash) << changed << qint64(41) << qint64(42) << qint64(42)
                               << contentMessage;
    QTest::newRow("hash") << int(ChangeHash) << changed << qint64(41) << qint64(42) << qint64(42)
                          << contentMessage;
    QTest::newRow("delete") << int(DeleteEntry) << gap << qint64(41) << qint64(43) << qint64(42)
                            << QStringLiteral("entry 43: sequence gap: expected 42, found 43 "
                                              "(entries were removed or reordered)");
    QTest::newRow("swap 42 and 43") << int(SwapEntries) << gap << qint64(41) << qint64(43) << qint64(42)
                                    << QStringLiteral("entry 43: sequence gap: expected 42, found 43 "
                                                      "(entries were removed or reordered)");
    QTest::newRow("insert forged") << int(InsertForged) << changed << qint64(41) << qint64(42) << qint64(42)
                                   << contentMessage;
    QTest::newRow("insert sealed") << int(InsertSealed) << order << qint64(42) << qint64(42) << qint64(43)
                                   << QStringLiteral("entry 42: sequence out of order: expected 43, found 42 "
                                                     "(entries were duplicated or reordered)");
    QTest::newRow("duplicate") << int(DuplicateEntry) << order << qint64(42) << qint64(42) << qint64(43)
                               << QStringLiteral("entry 42: sequence out of order: expected 43, found 42 "
                                                 "(entries were duplicated or reordered)");
    QTest::newRow("change and rehash") << int(ChangeAndRehash) << link << qint64(42) << qint64(43)
                                       << qint64(43) << QStringLiteral("entry 43: ") + linkMessage;
    QTest::newRow("relink and rehash") << int(RelinkAndRehash) << link << qint64(41) << qint64(42)
                                       << qint64(42) << QStringLiteral("entry 42: ") + linkMessage;
    QTest::newRow("renumber and rehash")
        << int(RenumberAndRehash) << gap << qint64(41) << qint64(99) << qint64(42)
        << QStringLiteral("entry 99: sequence gap: expected 42, found 99 "
                          "(entries were removed or reordered)");
    QTest::newRow("delete first") << int(DeleteFirst) << gap << qint64(0) << qint64(2) << qint64(1)
                                  << QStringLiteral("entry 2: sequence gap: expected 1, found 2 "
                                                    "(entries were removed or reordered)");
    QTest::newRow("relink first") << int(RelinkFirstAndRehash) << link << qint64(0) << qint64(1) << qint64(1)
                                  << QStringLiteral(
                                         "entry 1: previous-hash link broken (it does not continue from "
                                         "the expected start of the chain: earlier entries were changed "
                                         "or removed)");
    QTest::newRow("short hash") << int(ShortHash) << malformed << qint64(41) << qint64(42) << qint64(42)
                                << QStringLiteral("entry 42: stored hash is 31 bytes, expected 32 "
                                                  "(the entry was changed or damaged)");
    QTest::newRow("broken details") << int(BrokenDetails) << malformed << qint64(41) << qint64(42)
                                    << qint64(42)
                                    << QStringLiteral(
                                           "entry 42: cannot be checked: details: invalid JSON at byte 5: "
                                           "unexpected end of text (the entry was changed or damaged)");
}

void TestAuditChain::tamper()
{
    QFETCH(int, tamper);
    QFETCH(int, problem);
    QFETCH(qint64, index);
    QFETCH(qint64, seq);
    QFETCH(qint64, expectedSeq);
    QFETCH(QString, message);

    const QList<AuditEntry> original = makeChain(200);
    QList<AuditEntry> chain = original;
    AuditEntry &victim = chain[41];
    switch (Tamper(tamper)) {
    case ChangeActor:
        victim.actor = QStringLiteral("mallory");
        break;
    case ChangeAction:
        victim.action = QStringLiteral("rollout.abort");
        break;
    case ChangeObject:
        victim.object = QStringLiteral("rollout/other");
        break;
    case ChangeDetails:
        victim.detailsJson = QByteArrayLiteral(R"({"list":[1,2.5,"x"],"n":42,"reason":"nothing"})");
        break;
    case ChangeTime:
        victim.time = victim.time.addMSecs(1);
        break;
    case ChangeSeq:
        victim.seq = 99;
        break;
    case ChangePrevHash:
        victim.prevHash[0] = char(victim.prevHash[0] ^ 1);
        break;
    case ChangeHash:
        victim.hash[31] = char(victim.hash[31] ^ 0x80);
        break;
    case DeleteEntry:
        chain.removeAt(41);
        break;
    case SwapEntries:
        chain.swapItemsAt(41, 42);
        break;
    case InsertForged: {
        AuditEntry forged = rawEntry(42);
        forged.prevHash = chain[40].hash;
        forged.hash = QByteArray(32, char(0xAB));
        chain.insert(41, forged);
        break;
    }
    case InsertSealed: {
        AuditEntry forged = rawEntry(42);
        forged.actor = QStringLiteral("mallory");
        chain.insert(41, sealedAfter(forged, chain[40].hash));
        break;
    }
    case DuplicateEntry: {
        const AuditEntry copy = chain[41];
        chain.insert(42, copy);
        break;
    }
    case ChangeAndRehash:
        victim.actor = QStringLiteral("mallory");
        rehash(victim);
        break;
    case RelinkAndRehash:
        victim.prevHash = chain[39].hash;
        rehash(victim);
        break;
    case RenumberAndRehash:
        victim.seq = 99;
        rehash(victim);
        break;
    case DeleteFirst:
        chain.removeFirst();
        break;
    case RelinkFirstAndRehash:
        chain[0].prevHash = QByteArray(32, '\1');
        rehash(chain[0]);
        break;
    case ShortHash:
        victim.hash.chop(1);
        break;
    case BrokenDetails:
        victim.detailsJson = QByteArrayLiteral("{\"n\":");
        break;
    }

    const AuditVerification result = AuditChain::verify(chain);
    QVERIFY(!result.ok());
    const AuditChainFailure &failure = *result.failure;
    QCOMPARE(int(failure.problem), problem);
    QCOMPARE(failure.index, index);
    QCOMPARE(failure.seq, seq);
    QCOMPARE(failure.expectedSeq, expectedSeq);
    QCOMPARE(failure.line, qint64(0));
    QCOMPARE(failure.message, message);
    QCOMPARE(result.summary(), message);

    // Everything before the bad entry was checked and is good.
    QCOMPARE(result.count, index);
    QCOMPARE(result.head, index == 0 ? AuditChain::genesisPrevHash() : chain[index - 1].hash);
    QCOMPARE(result.toResult().error().kind,
             problem == int(AuditProblem::Malformed) ? ErrorKind::InvalidInput : ErrorKind::Tampered);

    // The incremental verifier reaches the same verdict and then refuses more input.
    AuditChainVerifier verifier;
    qsizetype fed = 0;
    while (fed < chain.size() && verifier.add(chain[fed]))
        ++fed;
    QCOMPARE(fed, qsizetype(index));
    QVERIFY(verifier.failed());
    QCOMPARE(verifier.result().failure->message, message);
    QVERIFY(!verifier.add(original[0]));
    QCOMPARE(verifier.result().failure->message, message);
}

void TestAuditChain::formattingOfDetailsIsNotTampering()
{
    // Storage that re-serialises details (another key order, spaces) keeps the same content and hash.
    QList<AuditEntry> chain = makeChain(50);
    chain[10].detailsJson =
        QByteArrayLiteral("{\n  \"reason\" : \"step 11\",\n  \"n\" : 11 , \"list\":[1, 2.50, \"x\"]}");
    const AuditVerification result = AuditChain::verify(chain);
    QVERIFY2(result.ok(), qPrintable(result.summary()));
    QCOMPARE(result.count, qint64(50));
}

void TestAuditChain::truncatedTailShowsInHead()
{
    const QList<AuditEntry> chain = makeChain(200);
    const AuditVerification full = AuditChain::verify(chain);
    const AuditVerification cut = AuditChain::verify(chain.mid(0, 190));
    // A cut-off tail is self-consistent; only the head, compared with a trusted one, reveals it.
    QVERIFY(cut.ok());
    QCOMPARE(cut.count, qint64(190));
    QVERIFY(cut.head != full.head);
    QCOMPARE(cut.head, chain[189].hash);
}

void TestAuditChain::partialRangeFromCheckpoint()
{
    const QList<AuditEntry> chain = makeChain(120);
    const QList<AuditEntry> tail = chain.mid(100);

    const AuditVerification fromCheckpoint =
        AuditChain::verify(tail, AuditChainStart::after(100, chain[99].hash));
    QVERIFY2(fromCheckpoint.ok(), qPrintable(fromCheckpoint.summary()));
    QCOMPARE(fromCheckpoint.firstSeq, qint64(101));
    QVERIFY(!fromCheckpoint.startsAtGenesis);

    const AuditVerification anywhere = AuditChain::verify(tail, AuditChainStart::anywhere());
    QVERIFY(anywhere.ok());
    QCOMPARE(anywhere.count, qint64(20));

    // The genesis start insists on seq 1.
    const AuditVerification genesis = AuditChain::verify(tail);
    QVERIFY(!genesis.ok());
    QCOMPARE(genesis.failure->problem, AuditProblem::SequenceGap);
    QCOMPARE(genesis.failure->seq, qint64(101));

    // A checkpoint that does not match is a broken link at the first entry.
    const AuditVerification wrongCheckpoint =
        AuditChain::verify(tail, AuditChainStart::after(100, chain[98].hash));
    QVERIFY(!wrongCheckpoint.ok());
    QCOMPARE(wrongCheckpoint.failure->problem, AuditProblem::LinkBroken);
    QCOMPARE(wrongCheckpoint.failure->seq, qint64(101));
}

void TestAuditChain::canonicalEncodingExactBytes()
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

void TestAuditChain::canonicalEncodingUnambiguous()
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

void TestAuditChain::detailsKeyOrderDoesNotChangeHash()
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

void TestAuditChain::canonicalJson_data()
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

void TestAuditChain::canonicalJson()
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

void TestAuditChain::sealRejects_data()
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

void TestAuditChain::sealRejects()
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

void TestAuditChain::timeText()
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

void TestAuditChain::jsonLineRoundTrip()
{
    AuditEntry entry;
    entry.seq = 7;
    entry.time = baseTime();
    entry.actor = QStringLiteral("Zoë");
    entry.action = QStringLiteral("a");
    entry.detailsJson = QByteArrayLiteral(R"({"b": 1, "a": "x\ny"})");
    entry = sealedAfter(entry, AuditChain::genesisPrevHash());

    const auto line = AuditExport::toJsonLine(entry);
    QVERIFY(line.ok());
    const QByteArray expected =
        QByteArray("{\"action\":\"a\",\"actor\":\"Zo\xc3\xab\",\"details\":{\"a\":\"x\\ny\",\"b\":1},"
                   "\"hash\":\"") +
        entry.hash.toHex() + "\",\"object\":\"\",\"prev_hash\":\"" + QByteArray(64, '0') +
        "\",\"seq\":7,\"time\":\"2024-05-01T09:30:00.007Z\"}";
    QCOMPARE(*line, expected);
    // The line is itself in canonical form.
    QCOMPARE(AuditJsonValue::parse(*line)->canonical(), *line);

    const auto back = AuditExport::fromJsonLine(*line + '\n');
    QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
    QCOMPARE(*back, entry);

    for (const AuditEntry &original : makeChain(30)) {
        const auto again = AuditExport::fromJsonLine(AuditExport::toJsonLine(original).value());
        QVERIFY(again.ok());
        QCOMPARE(*again, original);
    }

    const AuditExportTrailer trailer{entry.hash, 1, baseTime().addDays(1), baseTime()};
    const auto trailerLine = AuditExport::trailerLine(trailer);
    QVERIFY(trailerLine.ok());
    QCOMPARE(*trailerLine,
             QByteArray("{\"chain_head\":\"") + entry.hash.toHex() +
                 "\",\"count\":1,\"exported_at\":\"2024-05-02T09:30:00.007Z\","
                 "\"format\":\"otter-audit-export-v1\",\"synced_at\":\"2024-05-01T09:30:00.007Z\"}");
    QCOMPARE(AuditExport::fromTrailerLine(*trailerLine).value(), trailer);
}

void TestAuditChain::jsonLineRejects_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("error");

    QTest::newRow("unknown field") << QByteArray("{\"action\"") << QByteArray("{\"extra\":1,\"action\"")
                                   << QStringLiteral("unknown field \"extra\"");
    QTest::newRow("missing field") << QByteArray("\"object\":\"rollout/r-3\",") << QByteArray()
                                   << QStringLiteral("missing field \"object\"");
    QTest::newRow("details as a string")
        << QByteArray(R"("details":{"list":[1,2.5,"x"],"n":3,"reason":"step 3"})")
        << QByteArray(R"("details":"{}")") << QStringLiteral("field \"details\" must be a JSON object");
    QTest::newRow("details not an object")
        << QByteArray(R"("details":{"list":[1,2.5,"x"],"n":3,"reason":"step 3"})")
        << QByteArray(R"("details":[])") << QStringLiteral("field \"details\" must be a JSON object");
    QTest::newRow("negative seq") << QByteArray("\"seq\":3") << QByteArray("\"seq\":-3")
                                  << QStringLiteral("field \"seq\" must be a non-negative integer");
    QTest::newRow("fractional seq") << QByteArray("\"seq\":3") << QByteArray("\"seq\":3.0")
                                    << QStringLiteral("field \"seq\" must be a non-negative integer");
    QTest::newRow("seq as string") << QByteArray("\"seq\":3") << QByteArray("\"seq\":\"3\"")
                                   << QStringLiteral("field \"seq\" must be a non-negative integer");
    QTest::newRow("actor not a string") << QByteArray("\"actor\":\"system\"") << QByteArray("\"actor\":null")
                                        << QStringLiteral("field \"actor\" must be a string");
    QTest::newRow("upper-case hex") << QByteArray("\"prev_hash\":\"") << QByteArray("\"prev_hash\":\"ABCD")
                                    << QStringLiteral("field \"prev_hash\" must be 64 lower-case hex digits");
    QTest::newRow("time without ms")
        << QByteArray(".709Z") << QByteArray("Z")
        << QStringLiteral("field \"time\": time \"2024-05-01T09:30:03Z\" is not of the form");
    QTest::newRow("duplicate field") << QByteArray("{\"action\"") << QByteArray("{\"seq\":3,\"action\"")
                                     << QStringLiteral("duplicate key \"seq\"");
    QTest::newRow("not JSON") << QByteArray("{") << QByteArray("<")
                              << QStringLiteral("invalid JSON at byte 0");
}

void TestAuditChain::jsonLineRejects()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, error);

    const AuditEntry entry = makeChain(3).last();
    QByteArray line = AuditExport::toJsonLine(entry).value();
    QVERIFY2(line.contains(from), line.constData());
    if (from == "\"prev_hash\":\"")
        line.replace(from + entry.prevHash.toHex().left(4), to); // keep the length, change the case
    else
        line.replace(from, to);
    const auto parsed = AuditExport::fromJsonLine(line);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.errorMessage().contains(error), qPrintable(parsed.errorMessage()));
}

void TestAuditChain::exportVerifies()
{
    const QList<AuditEntry> chain = makeChain(200);
    const QByteArray data = exportOf(chain);
    QCOMPARE(data.count('\n'), 201);
    QVERIFY(data.endsWith("\n"));

    const AuditExportVerification result = verifyExport(data);
    QVERIFY2(result.ok(), qPrintable(result.summary()));
    QCOMPARE(result.chain.count, qint64(200));
    QCOMPARE(result.chain.head, chain.last().hash);
    QVERIFY(result.chain.startsAtGenesis);
    QVERIFY(result.trailer);
    QCOMPARE(result.trailer->chainHead, chain.last().hash);
    QCOMPARE(result.trailer->count, qint64(200));
    QCOMPARE(result.trailer->exportedAt, baseTime().addDays(1));
    QCOMPARE(result.trailer->syncedAt, baseTime().addSecs(3600));
    QVERIFY(result.summary().endsWith(
        QStringLiteral("; exported 2024-05-02T09:30:00.007Z from data synced 2024-05-01T10:30:00.007Z")));

    // Against the head otterd reports, and from the genesis, it still verifies.
    AuditExportOptions strict;
    strict.start = AuditChainStart::genesis();
    strict.expectedHead = chain.last().hash;
    QVERIFY(verifyExport(data, strict).ok());

    // Windows line endings do not change what the export says.
    QByteArray crlf = data;
    crlf.replace("\n", "\r\n");
    QVERIFY(verifyExport(crlf, strict).ok());
}

void TestAuditChain::exportTamper_data()
{
    QTest::addColumn<int>("mutation");
    QTest::addColumn<int>("problem");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("entry line edited")
        << 0 << int(AuditProblem::ContentChanged) << qint64(43)
        << QStringLiteral("line 43: entry 43: hash does not match its contents "
                          "(the entry was changed)");
    QTest::newRow("cut in the middle of a line")
        << 1 << int(AuditProblem::MissingTrailer) << qint64(100)
        << QStringLiteral("line 100: the export ends in the middle of this line "
                          "(the file was truncated)");
    QTest::newRow("trailer missing") << 2 << int(AuditProblem::MissingTrailer) << qint64(0)
                                     << QStringLiteral(
                                            "the export ends after line 200 without its trailer line "
                                            "(the file was truncated)");
    QTest::newRow("cut after 150 lines")
        << 3 << int(AuditProblem::MissingTrailer) << qint64(0)
        << QStringLiteral("the export ends after line 150 without its trailer line "
                          "(the file was truncated)");
    QTest::newRow("wrong chain head") << 4 << int(AuditProblem::TrailerMismatch) << qint64(201)
                                      << QStringLiteral("line 201: the trailer's chain head ");
    QTest::newRow("wrong count") << 5 << int(AuditProblem::TrailerMismatch) << qint64(201)
                                 << QStringLiteral(
                                        "line 201: the trailer says 201 entries but the export holds 200 "
                                        "(entries were removed or added)");
    QTest::newRow("line deleted") << 6 << int(AuditProblem::SequenceGap) << qint64(60)
                                  << QStringLiteral("line 60: entry 61: sequence gap: expected 60, found 61 "
                                                    "(entries were removed or reordered)");
    QTest::newRow("lines swapped") << 7 << int(AuditProblem::SequenceGap) << qint64(20)
                                   << QStringLiteral("line 20: entry 21: sequence gap: expected 20, found 21 "
                                                     "(entries were removed or reordered)");
    QTest::newRow("data after trailer") << 8 << int(AuditProblem::DataAfterTrailer) << qint64(202)
                                        << QStringLiteral("line 202: data after the trailer line "
                                                          "(lines were appended to the export)");
    QTest::newRow("blank line") << 9 << int(AuditProblem::Malformed) << qint64(10)
                                << QStringLiteral("line 10: empty line where entry 10 should be "
                                                  "(the export was edited or damaged)");
    QTest::newRow("garbage line") << 10 << int(AuditProblem::Malformed) << qint64(5)
                                  << QStringLiteral(
                                         "line 5: cannot be read as entry 5: invalid JSON at byte 0: "
                                         "unexpected character (the export was edited or damaged)");
    QTest::newRow("unknown format") << 11 << int(AuditProblem::Malformed) << qint64(201)
                                    << QStringLiteral(
                                           "line 201: trailer cannot be read: unsupported export format "
                                           "\"otter-audit-export-v9\"");
    QTest::newRow("hash replaced by another entry's")
        << 12 << int(AuditProblem::ContentChanged) << qint64(77)
        << QStringLiteral("line 77: entry 77: hash does not match");
}

void TestAuditChain::exportTamper()
{
    QFETCH(int, mutation);
    QFETCH(int, problem);
    QFETCH(qint64, line);
    QFETCH(QString, message);

    const QList<AuditEntry> chain = makeChain(200);
    const QByteArray data = exportOf(chain);
    QList<QByteArray> lines = data.split('\n');
    QCOMPARE(lines.size(), 202); // 200 entries, the trailer, and the empty rest after the last newline
    lines.removeLast();
    const auto join = [&] { return lines.join('\n') + '\n'; };

    QByteArray tampered;
    switch (mutation) {
    case 0: // seq 43 is alice's
        QVERIFY(lines[42].contains("\"actor\":\"alice\""));
        lines[42].replace("\"actor\":\"alice\"", "\"actor\":\"alicf\"");
        tampered = join();
        break;
    case 1: {
        const qsizetype start = join().indexOf(lines[99]);
        tampered = join().left(start + lines[99].size() / 2);
        break;
    }
    case 2:
        lines.removeLast();
        tampered = join();
        break;
    case 3:
        lines = lines.mid(0, 150);
        tampered = join();
        break;
    case 4:
        lines[200].replace(chain.last().hash.toHex(), chain[198].hash.toHex());
        tampered = join();
        break;
    case 5:
        lines[200].replace("\"count\":200", "\"count\":201");
        tampered = join();
        break;
    case 6:
        lines.removeAt(59);
        lines[199].replace("\"count\":200", "\"count\":199");
        tampered = join();
        break;
    case 7:
        lines.swapItemsAt(19, 20);
        tampered = join();
        break;
    case 8:
        lines.append(QByteArray(lines[5]));
        tampered = join();
        break;
    case 9:
        lines.insert(9, QByteArray());
        tampered = join();
        break;
    case 10:
        lines[4] = "not json";
        tampered = join();
        break;
    case 11:
        lines[200].replace("otter-audit-export-v1", "otter-audit-export-v9");
        tampered = join();
        break;
    case 12:
        lines[76].replace(chain[76].hash.toHex(), chain[75].hash.toHex());
        tampered = join();
        break;
    }

    const AuditExportVerification result = verifyExport(tampered);
    QVERIFY(!result.ok());
    QCOMPARE(int(result.chain.failure->problem), problem);
    QCOMPARE(result.chain.failure->line, line);
    QVERIFY2(result.chain.failure->message.startsWith(message), qPrintable(result.chain.failure->message));
    QCOMPARE(result.summary(), result.chain.failure->message);
}

void TestAuditChain::exportPartialRange()
{
    const QList<AuditEntry> chain = makeChain(200);
    const QByteArray data = exportOf(chain.mid(100), chain[99].hash);

    // By default an export of a later range verifies and says where it starts.
    const AuditExportVerification result = verifyExport(data);
    QVERIFY2(result.ok(), qPrintable(result.summary()));
    QCOMPARE(result.chain.firstSeq, qint64(101));
    QCOMPARE(result.chain.count, qint64(100));
    QVERIFY(!result.chain.startsAtGenesis);
    QVERIFY(
        result.summary().startsWith(QStringLiteral("100 entries verified (seq 101 to 200); chain head ")));

    AuditExportOptions fromCheckpoint;
    fromCheckpoint.start = AuditChainStart::after(100, chain[99].hash);
    QVERIFY(verifyExport(data, fromCheckpoint).ok());

    AuditExportOptions fromGenesis;
    fromGenesis.start = AuditChainStart::genesis();
    const AuditExportVerification strict = verifyExport(data, fromGenesis);
    QVERIFY(!strict.ok());
    QCOMPARE(
        strict.chain.failure->message,
        QStringLiteral(
            "line 1: entry 101: sequence gap: expected 1, found 101 (entries were removed or reordered)"));
}

void TestAuditChain::exportRewrittenTailNeedsTrustedHead()
{
    // Someone drops the last 10 entries and rewrites the trailer to match: the export is self-consistent,
    // and only the head from a trusted source exposes it.
    const QList<AuditEntry> chain = makeChain(200);
    const QByteArray shortened = exportOf(chain.mid(0, 190));
    QVERIFY(verifyExport(shortened).ok());

    AuditExportOptions options;
    options.expectedHead = chain.last().hash;
    const AuditExportVerification result = verifyExport(shortened, options);
    QVERIFY(!result.ok());
    QCOMPARE(result.chain.failure->problem, AuditProblem::HeadMismatch);
    QVERIFY2(result.chain.failure->message.startsWith(QStringLiteral("the chain head ")),
             qPrintable(result.chain.failure->message));
    QVERIFY(result.chain.failure->message.contains(QString::fromLatin1(chain.last().hash.toHex().left(16))));
    QCOMPARE(result.chain.toResult().error().kind, ErrorKind::Tampered);
}

void TestAuditChain::exportEdgeCases()
{
    // An export of an empty log.
    const QByteArray empty = exportOf({});
    QCOMPARE(empty.count('\n'), 1);
    AuditExportOptions genesis;
    genesis.start = AuditChainStart::genesis();
    const AuditExportVerification emptyResult = verifyExport(empty, genesis);
    QVERIFY2(emptyResult.ok(), qPrintable(emptyResult.summary()));
    QCOMPARE(emptyResult.chain.count, qint64(0));
    QCOMPARE(emptyResult.trailer->chainHead, AuditChain::genesisPrevHash());

    // An empty file has not even a trailer.
    const AuditExportVerification nothing = verifyExport(QByteArray());
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.chain.failure->problem, AuditProblem::MissingTrailer);
    QCOMPARE(nothing.chain.failure->message,
             QStringLiteral("the export is empty: not even its trailer line is there"));

    // A device that is not open.
    QBuffer closed;
    const AuditExportVerification unreadable = AuditExport::verify(&closed);
    QCOMPARE(unreadable.chain.failure->problem, AuditProblem::ReadError);
    QCOMPARE(unreadable.chain.toResult().error().kind, ErrorKind::Io);

    // A last line without its newline is still complete.
    QByteArray noFinalNewline = exportOf(makeChain(3));
    noFinalNewline.chop(1);
    QVERIFY(verifyExport(noFinalNewline).ok());

    // A line beyond the size limit is refused without reading it whole into a parser.
    QByteArray huge = exportOf(makeChain(2));
    huge.prepend(QByteArray(kAuditExportMaxLineBytes + 10, ' ') + '\n');
    const AuditExportVerification tooLong = verifyExport(huge);
    QCOMPARE(tooLong.chain.failure->problem, AuditProblem::ReadError);
    QCOMPARE(tooLong.chain.failure->line, qint64(1));

    // The writer refuses entries the format cannot carry.
    QByteArray sink;
    QBuffer buffer(&sink);
    buffer.open(QIODevice::WriteOnly);
    AuditExportWriter writer(&buffer);
    AuditEntry unsealed = rawEntry(1);
    const auto refused = writer.write(unsealed);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.errorMessage().contains(QStringLiteral("hashes must be 32 bytes")),
             qPrintable(refused.errorMessage()));
    QCOMPARE(writer.count(), qint64(0));
    QVERIFY(sink.isEmpty());
}

void TestAuditChain::streamHundredThousand()
{
    // Entries are generated, written and verified one at a time: nothing holds the whole log.
    const qint64 total = 100000;
    const qint64 victimSeq = 50000;
    QTemporaryFile file;
    QVERIFY(file.open());
    AuditExportWriter writer(&file);
    QByteArray prev = AuditChain::genesisPrevHash();
    qint64 victimOffset = -1;
    for (qint64 seq = 1; seq <= total; ++seq) {
        const AuditEntry entry = sealedAfter(rawEntry(seq), prev);
        if (seq == victimSeq) {
            const QByteArray line = AuditExport::toJsonLine(entry).value();
            QVERIFY(line.contains("\"actor\":\"bob\""));
            victimOffset = file.pos() + line.indexOf("\"actor\":\"bob\"") + 9;
        }
        QVERIFY(writer.write(entry).ok());
        prev = entry.hash;
    }
    QVERIFY(writer.finish(baseTime(), baseTime()).ok());
    QVERIFY(file.flush());

    QVERIFY(file.seek(0));
    AuditExportOptions options;
    options.start = AuditChainStart::genesis();
    options.expectedHead = prev;
    const AuditExportVerification good = AuditExport::verify(&file, options);
    QVERIFY2(good.ok(), qPrintable(good.summary()));
    QCOMPARE(good.chain.count, total);
    QCOMPARE(good.chain.lastSeq, total);
    QCOMPARE(good.chain.head, prev);

    // One byte changed in the middle of the file: "bob" → "cob".
    QVERIFY(file.seek(victimOffset));
    QCOMPARE(file.read(3), QByteArrayLiteral("bob"));
    QVERIFY(file.seek(victimOffset));
    QCOMPARE(file.write("c"), qint64(1));
    QVERIFY(file.flush());
    QVERIFY(file.seek(0));
    const AuditExportVerification bad = AuditExport::verify(&file, options);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.chain.failure->line, victimSeq);
    QCOMPARE(bad.chain.failure->seq, victimSeq);
    QCOMPARE(bad.chain.count, victimSeq - 1);
    QCOMPARE(
        bad.chain.failure->message,
        QStringLiteral("line 50000: entry 50000: hash does not match its contents (the entry was changed)"));
}

void TestAuditChain::pythonRecomputesHashes()
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

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_audit_chain.moc"
