// Tests for the audit JSON Lines export: round trips, stream verification and tampered exports.
#include "audit_fixtures.h"
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
using namespace otter::testing;

class TestAuditExport : public QObject
{
    Q_OBJECT

private slots:
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
};

void TestAuditExport::jsonLineRoundTrip()
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

void TestAuditExport::jsonLineRejects_data()
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

void TestAuditExport::jsonLineRejects()
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

void TestAuditExport::exportVerifies()
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

void TestAuditExport::exportTamper_data()
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

void TestAuditExport::exportTamper()
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

void TestAuditExport::exportPartialRange()
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

void TestAuditExport::exportRewrittenTailNeedsTrustedHead()
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

void TestAuditExport::exportEdgeCases()
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

void TestAuditExport::streamHundredThousand()
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

QTEST_GUILESS_MAIN(TestAuditExport)
#include "tst_audit_export.moc"
