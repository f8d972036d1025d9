// Tests for the audit hash chain: verification, tamper detection, truncation and checkpoints. The canonical
// encoding the hashes are taken over is tested in tst_audit_canonical.cpp.
#include "audit_fixtures.h"
#include "core/audit_chain.h"
#include "core/audit_export.h"
#include "core/audit_json.h"

#include <QTest>

using namespace otter;
using namespace otter::testing;

namespace {

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

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_audit_chain.moc"
