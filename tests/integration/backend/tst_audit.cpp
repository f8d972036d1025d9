// AuditService against a real otterd: entries for changes and refusals, filters and keyset paging, an
// export that verifies offline with otter_core and names the same chain head as the server, and the
// tamper test: one stored entry changed with the stock sqlite3 tool, and verification names that entry.
#include "core/audit_chain.h"
#include "core/audit_export.h"
#include "otter/v1/audit.grpc.pb.h"
#include "otter/v1/identity.grpc.pb.h"
#include "otterd_harness.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <google/protobuf/util/time_util.h>

#include <functional>
#include <set>

using namespace otter;
using google::protobuf::util::TimeUtil;
using otter::test::OtterdHarness;

using AuditMatch = std::function<bool(const otter::v1::AuditEntry &)>;
Q_DECLARE_METATYPE(AuditMatch)

namespace {

AuditEntry toChainEntry(const v1::AuditEntry &entry)
{
    AuditEntry chain;
    chain.seq = entry.seq();
    chain.time = QDateTime::fromMSecsSinceEpoch(TimeUtil::TimestampToMilliseconds(entry.time()), Qt::UTC);
    chain.actor = QString::fromStdString(entry.actor());
    chain.action = QString::fromStdString(entry.action());
    chain.object = QString::fromStdString(entry.object());
    chain.detailsJson = QByteArray::fromStdString(entry.details_json());
    chain.prevHash = QByteArray::fromHex(QByteArray::fromStdString(entry.prev_hash()));
    chain.hash = QByteArray::fromHex(QByteArray::fromStdString(entry.hash()));
    return chain;
}

QList<qint64> seqs(const QList<v1::AuditEntry> &entries)
{
    QList<qint64> out;
    for (const v1::AuditEntry &entry : entries)
        out << entry.seq();
    return out;
}

} // namespace

class TestAudit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        m_audit = v1::AuditService::NewStub(m_otterd.channel());
        // Written by another process while the server runs: the server must continue the same chain.
        QCOMPARE(m_otterd.provision(3).size(), 3);
        refuseOnce();
    }

    void operatorsAndProvisioningAreAudited()
    {
        const QList<v1::AuditEntry> all = listAll({});
        QStringList added;
        bool provisioned = false;
        for (const v1::AuditEntry &entry : all) {
            if (entry.action() == "operator.add")
                added << QString::fromStdString(entry.object());
            if (entry.action() == "device.provision") {
                provisioned = true;
                QCOMPARE(entry.actor(), std::string("local-admin"));
                const QJsonObject details =
                    QJsonDocument::fromJson(QByteArray::fromStdString(entry.details_json())).object();
                QCOMPARE(details.value(QStringLiteral("count")).toInt(), 3);
            }
            QCOMPARE(entry.hash().size(), size_t(64));
            QCOMPARE(QString::fromStdString(entry.hash()), QString::fromStdString(entry.hash()).toLower());
            QVERIFY(entry.revision() > 0);
        }
        QCOMPARE(added, (QStringList{QStringLiteral("operator/vera"), QStringLiteral("operator/olga"),
                                     QStringLiteral("operator/oscar"), QStringLiteral("operator/abe"),
                                     QStringLiteral("operator/ada")}));
        QVERIFY(provisioned);
        // 1-based and gap-free.
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].seq(), qint64(i + 1));
    }

    void refusalIsAudited()
    {
        const qint64 before = head().seq();
        refuseOnce();
        v1::ListAuditEntriesRequest request;
        request.set_action("call.refused");
        request.set_newest_first(true);
        request.set_page_size(1);
        v1::ListAuditEntriesResponse response;
        const grpc::Status status =
            m_audit->ListAuditEntries(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(response.entries_size(), 1);
        const v1::AuditEntry &entry = response.entries(0);
        QCOMPARE(entry.seq(), before + 1);
        QCOMPARE(entry.actor(), std::string("anonymous"));
        QCOMPARE(entry.object(), std::string("WhoAmI"));
        const QJsonObject details =
            QJsonDocument::fromJson(QByteArray::fromStdString(entry.details_json())).object();
        QCOMPARE(details.value(QStringLiteral("code")).toInt(), int(grpc::StatusCode::UNAUTHENTICATED));
        QVERIFY(!response.next_page_token().empty());
    }

    void filters_data()
    {
        using Match = AuditMatch;
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("object");
        QTest::addColumn<Match>("match");
        QTest::addColumn<int>("atLeast");
        QTest::newRow("actor") << QStringLiteral("local-admin") << QString() << QString()
                               << Match([](const v1::AuditEntry &e) { return e.actor() == "local-admin"; })
                               << 6;
        QTest::newRow("exact action")
            << QString() << QStringLiteral("operator.add") << QString()
            << Match([](const v1::AuditEntry &e) { return e.action() == "operator.add"; }) << 5;
        QTest::newRow("action prefix")
            << QString() << QStringLiteral("call.") << QString()
            << Match([](const v1::AuditEntry &e) { return e.action().rfind("call.", 0) == 0; }) << 2;
        QTest::newRow("no partial action") << QString() << QStringLiteral("operator.ad") << QString()
                                           << Match([](const v1::AuditEntry &) { return false; }) << 0;
        QTest::newRow("exact object")
            << QString() << QString() << QStringLiteral("operator/olga")
            << Match([](const v1::AuditEntry &e) { return e.object() == "operator/olga"; }) << 1;
        QTest::newRow("object prefix")
            << QString() << QString() << QStringLiteral("operator/")
            << Match([](const v1::AuditEntry &e) { return e.object().rfind("operator/", 0) == 0; }) << 5;
        QTest::newRow("all three") << QStringLiteral("anonymous") << QStringLiteral("call.refused")
                                   << QStringLiteral("WhoAmI") << Match([](const v1::AuditEntry &e) {
                                          return e.actor() == "anonymous" && e.action() == "call.refused" &&
                                                 e.object() == "WhoAmI";
                                      })
                                   << 2;
    }

    void filters()
    {
        using Match = AuditMatch;
        QFETCH(QString, actor);
        QFETCH(QString, action);
        QFETCH(QString, object);
        QFETCH(Match, match);
        QFETCH(int, atLeast);
        const QList<v1::AuditEntry> all = listAll({});
        QList<qint64> expected;
        for (const v1::AuditEntry &entry : all) {
            if (match(entry))
                expected << entry.seq();
        }
        QVERIFY(expected.size() >= atLeast);
        v1::ListAuditEntriesRequest request;
        request.set_actor(actor.toStdString());
        request.set_action(action.toStdString());
        request.set_object(object.toStdString());
        // Small pages, so the filter and the cursor work together.
        QCOMPARE(seqs(listAll(request, 2)), expected);
    }

    void timeRange()
    {
        const QList<v1::AuditEntry> all = listAll({});
        QVERIFY(all.size() >= 8);
        const v1::AuditEntry &from = all[2];
        const v1::AuditEntry &to = all[all.size() - 2];
        v1::ListAuditEntriesRequest request;
        *request.mutable_start_time() = from.time();
        *request.mutable_end_time() = to.time();
        QList<qint64> expected;
        for (const v1::AuditEntry &entry : all) {
            const qint64 ms = TimeUtil::TimestampToMilliseconds(entry.time());
            if (ms >= TimeUtil::TimestampToMilliseconds(from.time()) &&
                ms < TimeUtil::TimestampToMilliseconds(to.time()))
                expected << entry.seq();
        }
        QCOMPARE(seqs(listAll(request, 3)), expected);
        QVERIFY(expected.contains(from.seq()));
        QVERIFY(!expected.contains(to.seq()));
    }

    void pagingBothWays()
    {
        v1::ListAuditEntriesRequest newest;
        newest.set_newest_first(true);
        const QList<qint64> oldestFirst = seqs(listAll({}, 3));
        QList<qint64> newestFirst;
        // A write between pages: oldest-first paging picks it up at the end, newest-first never repeats.
        std::set<qint64> seen;
        std::string token;
        int pages = 0;
        do {
            newest.set_page_size(3);
            newest.set_page_token(token);
            v1::ListAuditEntriesResponse response;
            const grpc::Status status =
                m_audit->ListAuditEntries(m_otterd.as(QStringLiteral("vera")).get(), newest, &response);
            QVERIFY2(status.ok(), status.error_message().c_str());
            for (const v1::AuditEntry &entry : response.entries()) {
                QVERIFY2(seen.insert(entry.seq()).second, "an entry came twice");
                newestFirst << entry.seq();
            }
            token = response.next_page_token();
            if (++pages == 1)
                refuseOnce();
        } while (!token.empty());
        std::reverse(newestFirst.begin(), newestFirst.end());
        QCOMPARE(newestFirst, oldestFirst);
        QCOMPARE(seqs(listAll({}, 3)).size(), oldestFirst.size() + 1);
    }

    void badListRequests()
    {
        v1::ListAuditEntriesRequest request;
        request.set_page_size(2);
        v1::ListAuditEntriesResponse first;
        QVERIFY(m_audit->ListAuditEntries(m_otterd.as(QStringLiteral("vera")).get(), request, &first).ok());
        QVERIFY(!first.next_page_token().empty());

        auto refused = [&](const v1::ListAuditEntriesRequest &bad, const char *needle) {
            v1::ListAuditEntriesResponse response;
            const grpc::Status status =
                m_audit->ListAuditEntries(m_otterd.as(QStringLiteral("vera")).get(), bad, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QVERIFY2(status.error_message().find(needle) != std::string::npos,
                     status.error_message().c_str());
        };
        v1::ListAuditEntriesRequest otherFilter = request;
        otherFilter.set_actor("vera");
        otherFilter.set_page_token(first.next_page_token());
        refused(otherFilter, "page_token");
        v1::ListAuditEntriesRequest garbage = request;
        garbage.set_page_token("not-a-token");
        refused(garbage, "page_token");
        v1::ListAuditEntriesRequest backwards;
        backwards.mutable_start_time()->set_seconds(1700000100);
        backwards.mutable_end_time()->set_seconds(1700000000);
        refused(backwards, "end_time");
        v1::ListAuditEntriesRequest invalid;
        invalid.mutable_start_time()->set_nanos(-5);
        refused(invalid, "start_time");
    }

    void exportVerifiesOfflineWithTheServersHead()
    {
        // More than one batch of 1,000.
        for (int i = 0; i < 1010; ++i)
            refuseOnce();
        int messages = 0;
        v1::AuditChainHead chainHead;
        const QList<v1::AuditEntry> exported = exportRange({}, &messages, &chainHead);
        QVERIFY(messages >= 2);
        QVERIFY(exported.size() > 1000);
        QCOMPARE(chainHead.seq(), exported.last().seq());
        QCOMPARE(chainHead.hash(), exported.last().hash());

        QList<AuditEntry> chain;
        for (const v1::AuditEntry &entry : exported)
            chain << toChainEntry(entry);
        const AuditVerification verification = AuditChain::verify(chain);
        QVERIFY2(verification.ok(), qPrintable(verification.summary()));
        QVERIFY(verification.startsAtGenesis);

        // The same entries as a JSON Lines export, checked against the head the server verified itself.
        const v1::VerifyAuditChainResponse server = verify(0, 0);
        QVERIFY(server.ok());
        QCOMPARE(server.head().seq(), chainHead.seq());
        QCOMPARE(server.head().hash(), chainHead.hash());
        QCOMPARE(server.checked_entries(), chainHead.seq());
        QBuffer file;
        file.open(QIODevice::ReadWrite);
        AuditExportWriter writer(&file);
        for (const AuditEntry &entry : chain)
            QVERIFY(writer.write(entry).ok());
        QVERIFY(writer.finish(QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc()).ok());
        file.seek(0);
        AuditExportOptions options;
        options.start = AuditChainStart::genesis();
        options.expectedHead = QByteArray::fromHex(QByteArray::fromStdString(server.head().hash()));
        const AuditExportVerification offline = AuditExport::verify(&file, options);
        QVERIFY2(offline.ok(), qPrintable(offline.summary()));
    }

    void exportOfATimeRange()
    {
        const QList<v1::AuditEntry> all = listAll({});
        v1::ExportAuditRequest request;
        *request.mutable_start_time() = all[4].time();
        *request.mutable_end_time() = all[9].time();
        const qint64 startMs = TimeUtil::TimestampToMilliseconds(all[4].time());
        const qint64 endMs = TimeUtil::TimestampToMilliseconds(all[9].time());
        QList<qint64> expected;
        for (const v1::AuditEntry &entry : all) {
            const qint64 ms = TimeUtil::TimestampToMilliseconds(entry.time());
            if (ms >= startMs && ms < endMs)
                expected << entry.seq();
        }
        int messages = 0;
        v1::AuditChainHead chainHead;
        const QList<v1::AuditEntry> exported = exportRange(request, &messages, &chainHead);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(seqs(exported), expected);
        QCOMPARE(messages, 1);
        QCOMPARE(chainHead.seq(), head().seq()); // the head of the whole log, not of the range
        QList<AuditEntry> chain;
        for (const v1::AuditEntry &entry : exported)
            chain << toChainEntry(entry);
        // The range continues from the entry before it, as stored.
        const v1::AuditEntry &before = all[int(expected.first()) - 2];
        const AuditChainStart start = AuditChainStart::after(before.seq(), toChainEntry(before).hash);
        const AuditVerification verification = AuditChain::verify(chain, start);
        QVERIFY2(verification.ok(), qPrintable(verification.summary()));

        v1::ExportAuditRequest backwards;
        *backwards.mutable_start_time() = all[9].time();
        backwards.mutable_end_time()->set_seconds(all[9].time().seconds() - 10);
        auto context = m_otterd.as(QStringLiteral("vera"));
        auto reader = m_audit->ExportAudit(context.get(), backwards);
        v1::ExportAuditResponse message;
        QVERIFY(!reader->Read(&message));
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    }

    void exportCancelledByTheClient()
    {
        auto context = m_otterd.as(QStringLiteral("vera"));
        auto reader = m_audit->ExportAudit(context.get(), {});
        v1::ExportAuditResponse message;
        QVERIFY(reader->Read(&message));
        QCOMPARE(message.entries_size(), 1000);
        QVERIFY(!message.has_chain_head());
        context->TryCancel();
        while (reader->Read(&message)) {
        }
        QCOMPARE(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
        // The server is unharmed and the chain intact.
        QVERIFY(verify(0, 0).ok());
    }

    void verifyRanges()
    {
        const v1::VerifyAuditChainResponse part = verify(3, 7);
        QVERIFY2(part.ok(), part.detail().c_str());
        QCOMPARE(part.checked_entries(), qint64(5));
        QCOMPARE(part.head().seq(), head().seq());

        for (const auto &[from, to, needle] :
             {std::tuple{qint64(7), qint64(3), "to_seq 3 is below from_seq 7"},
              std::tuple{qint64(-1), qint64(0), "negative"}}) {
            v1::VerifyAuditChainRequest request;
            request.set_from_seq(from);
            request.set_to_seq(to);
            v1::VerifyAuditChainResponse response;
            const grpc::Status status =
                m_audit->VerifyAuditChain(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QVERIFY2(status.error_message().find(needle) != std::string::npos,
                     status.error_message().c_str());
        }
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("rpc");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("value");
        for (const char *rpc : {"ListAuditEntries", "ExportAudit", "VerifyAuditChain"}) {
            QTest::addRow("%s without a token", rpc) << QString::fromLatin1(rpc) << QString() << QString();
            QTest::addRow("%s with an unknown token", rpc)
                << QString::fromLatin1(rpc) << QStringLiteral("authorization")
                << QStringLiteral("Bearer otk_nope");
            QTest::addRow("%s with a device token", rpc)
                << QString::fromLatin1(rpc) << QStringLiteral("x-otter-device-token")
                << QStringLiteral("otd_x");
        }
    }

    void refusals()
    {
        QFETCH(QString, rpc);
        QFETCH(QString, header);
        QFETCH(QString, value);
        const qint64 before = head().seq();
        auto context = m_otterd.anonymous();
        if (!header.isEmpty())
            context->AddMetadata(header.toStdString(), value.toStdString());
        grpc::Status status;
        if (rpc == QLatin1StringView("ListAuditEntries")) {
            v1::ListAuditEntriesResponse response;
            status = m_audit->ListAuditEntries(context.get(), {}, &response);
            QCOMPARE(response.entries_size(), 0);
        } else if (rpc == QLatin1StringView("ExportAudit")) {
            auto reader = m_audit->ExportAudit(context.get(), {});
            v1::ExportAuditResponse message;
            QVERIFY(!reader->Read(&message));
            status = reader->Finish();
        } else {
            v1::VerifyAuditChainResponse response;
            status = m_audit->VerifyAuditChain(context.get(), {}, &response);
        }
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        // The refusal itself is on the record.
        v1::ListAuditEntriesRequest request;
        request.set_newest_first(true);
        request.set_page_size(1);
        v1::ListAuditEntriesResponse last;
        QVERIFY(m_audit->ListAuditEntries(m_otterd.as(QStringLiteral("vera")).get(), request, &last).ok());
        QCOMPARE(last.entries(0).seq(), before + 1);
        QCOMPARE(last.entries(0).action(), std::string("call.refused"));
        QCOMPARE(QString::fromStdString(last.entries(0).object()), rpc);
    }

    void tamper_data()
    {
        QTest::addColumn<QString>("sql");   // %1 is the seq of the entry changed
        QTest::addColumn<QString>("where"); // "first", "middle", "last"
        QTest::addColumn<int>("badOffset"); // first bad seq relative to the changed one
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("needle");
        const int changed = v1::AUDIT_CHAIN_PROBLEM_CONTENT_CHANGED;
        for (const char *where : {"first", "middle", "last"}) {
            QTest::addRow("actor of the %s entry", where)
                << QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE seq = %1")
                << QString::fromLatin1(where) << 0 << changed
                << QStringLiteral("hash does not match its contents");
            QTest::addRow("prev_hash of the %s entry", where)
                << QStringLiteral("UPDATE audit_log SET prev_hash = randomblob(32) WHERE seq = %1")
                << QString::fromLatin1(where) << 0 << changed << QStringLiteral("stored hash");
        }
        QTest::newRow("action") << QStringLiteral(
                                       "UPDATE audit_log SET action = 'device.forget' WHERE seq = %1")
                                << QStringLiteral("middle") << 0 << changed << QString();
        QTest::newRow("object") << QStringLiteral(
                                       "UPDATE audit_log SET object = 'operator/eve' WHERE seq = %1")
                                << QStringLiteral("middle") << 0 << changed << QString();
        QTest::newRow("details") << QStringLiteral(
                                        "UPDATE audit_log SET details = '{\"count\":1}' WHERE seq = %1")
                                 << QStringLiteral("middle") << 0 << changed << QString();
        QTest::newRow("time") << QStringLiteral(
                                     "UPDATE audit_log SET time_ms = time_ms - 3600000 WHERE seq = %1")
                              << QStringLiteral("first") << 0 << changed << QString();
        QTest::newRow("hash") << QStringLiteral("UPDATE audit_log SET hash = randomblob(32) WHERE seq = %1")
                              << QStringLiteral("middle") << 0 << changed << QString();
        QTest::newRow("hash cut short")
            << QStringLiteral("UPDATE audit_log SET hash = x'0102' WHERE seq = %1") << QStringLiteral("last")
            << 0 << int(v1::AUDIT_CHAIN_PROBLEM_MALFORMED) << QStringLiteral("stored hash is 2 bytes");
        QTest::newRow("details not JSON")
            << QStringLiteral("UPDATE audit_log SET details = 'gone' WHERE seq = %1")
            << QStringLiteral("middle") << 0 << int(v1::AUDIT_CHAIN_PROBLEM_MALFORMED)
            << QStringLiteral("details");
        QTest::newRow("deleted") << QStringLiteral("DELETE FROM audit_log WHERE seq = %1")
                                 << QStringLiteral("middle") << 1 << int(v1::AUDIT_CHAIN_PROBLEM_SEQUENCE_GAP)
                                 << QStringLiteral("expected %1");
        QTest::newRow("first deleted")
            << QStringLiteral("DELETE FROM audit_log WHERE seq = %1") << QStringLiteral("first") << 1
            << int(v1::AUDIT_CHAIN_PROBLEM_SEQUENCE_GAP) << QStringLiteral("expected 1");
        // A careful forger recomputes the changed entry's own hash; the next entry's link still gives it
        // away.
        QTest::newRow("rewritten and resealed")
            << QStringLiteral("reseal") << QStringLiteral("middle") << 1
            << int(v1::AUDIT_CHAIN_PROBLEM_LINK_BROKEN) << QStringLiteral("link broken");
    }

    void tamper()
    {
        QFETCH(QString, sql);
        QFETCH(QString, where);
        QFETCH(int, badOffset);
        QFETCH(int, problem);
        QFETCH(QString, needle);
        const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
        QVERIFY2(!sqlite3.isEmpty(), "the sqlite3 tool is needed (Debian: sqlite3)");
        const QString database = m_otterd.dataDir() + QStringLiteral("/otterd.sqlite");
        const QString pristine = m_otterd.dataDir() + QStringLiteral("/pristine.sqlite");

        if (!QFile::exists(pristine)) {
            QVERIFY(verify(0, 0).ok());
            m_lastSeq = head().seq();
            m_entries = listAll({});
        }
        // An open connection would hold the server's shutdown for its whole grace period.
        m_audit.reset();
        QVERIFY(m_otterd.stop()); // a clean stop checkpoints the WAL into the main file
        if (!QFile::exists(pristine))
            QVERIFY(QFile::copy(database, pristine));
        QFile::remove(database + QStringLiteral("-wal"));
        QFile::remove(database + QStringLiteral("-shm"));
        QFile::remove(database);
        QVERIFY(QFile::copy(pristine, database));

        const qint64 seq = where == QLatin1StringView("first")  ? 1
                           : where == QLatin1StringView("last") ? m_lastSeq
                                                                : m_lastSeq / 2;
        QString statement = sql;
        if (sql != QLatin1StringView("reseal")) {
            statement = sql.arg(seq);
        } else {
            AuditEntry forged = toChainEntry(m_entries[int(seq - 1)]);
            forged.actor = QStringLiteral("mallory");
            QVERIFY(AuditChain::seal(forged, forged.prevHash).ok());
            statement = QStringLiteral("UPDATE audit_log SET actor = 'mallory', hash = x'%1' WHERE seq = %2")
                            .arg(QString::fromLatin1(forged.hash.toHex()))
                            .arg(seq);
        }
        QProcess tool;
        tool.start(sqlite3, {database, statement});
        QVERIFY(tool.waitForFinished(30000));
        QVERIFY2(tool.exitCode() == 0, tool.readAllStandardError().constData());
        QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));
        m_audit = v1::AuditService::NewStub(m_otterd.channel());

        const v1::VerifyAuditChainResponse response = verify(0, 0);
        QVERIFY(!response.ok());
        QCOMPARE(response.first_bad_seq(), seq + badOffset);
        QCOMPARE(int(response.problem()), problem);
        // Entries read up to and including the bad one (a deleted entry was never read).
        QCOMPARE(response.checked_entries(),
                 seq + badOffset - (sql.startsWith(QLatin1StringView("DELETE")) ? 1 : 0));
        const QString detail = QString::fromStdString(response.detail());
        QVERIFY2(detail.startsWith(QStringLiteral("entry %1:").arg(seq + badOffset)), qPrintable(detail));
        if (!needle.isEmpty())
            QVERIFY2(detail.contains(needle.contains(QLatin1StringView("%1")) ? needle.arg(seq) : needle),
                     qPrintable(detail));

        // A range that ends before the change still verifies; the export shows the same break offline.
        if (seq + badOffset > 2) {
            const v1::VerifyAuditChainResponse before = verify(1, seq + badOffset - 1 - (badOffset ? 1 : 0));
            QVERIFY2(before.ok(), before.detail().c_str());
        }
        QList<AuditEntry> chain;
        for (const v1::AuditEntry &entry : exportRange({}, nullptr, nullptr))
            chain << toChainEntry(entry);
        const AuditVerification offline = AuditChain::verify(chain);
        QVERIFY(!offline.ok());
        QCOMPARE(offline.failure->seq, seq + badOffset);
    }

private:
    void refuseOnce()
    {
        auto identity = v1::IdentityService::NewStub(m_otterd.channel());
        auto context = m_otterd.anonymous();
        context->AddMetadata("authorization", "Bearer otk_wrong");
        v1::WhoAmIResponse response;
        QCOMPARE(identity->WhoAmI(context.get(), {}, &response).error_code(),
                 grpc::StatusCode::UNAUTHENTICATED);
    }

    QList<v1::AuditEntry> listAll(v1::ListAuditEntriesRequest request, int pageSize = 1000)
    {
        QList<v1::AuditEntry> entries;
        std::string token;
        do {
            request.set_page_size(quint32(pageSize));
            request.set_page_token(token);
            v1::ListAuditEntriesResponse response;
            const grpc::Status status =
                m_audit->ListAuditEntries(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
            if (!status.ok()) {
                qWarning() << "ListAuditEntries:" << status.error_message().c_str();
                return {};
            }
            for (const v1::AuditEntry &entry : response.entries())
                entries << entry;
            token = response.next_page_token();
        } while (!token.empty());
        return entries;
    }

    QList<v1::AuditEntry> exportRange(const v1::ExportAuditRequest &request, int *messages,
                                      v1::AuditChainHead *chainHead)
    {
        auto context = m_otterd.as(QStringLiteral("vera"));
        auto reader = m_audit->ExportAudit(context.get(), request);
        QList<v1::AuditEntry> entries;
        v1::ExportAuditResponse message;
        int count = 0;
        bool headSeen = false;
        while (reader->Read(&message)) {
            ++count;
            if (headSeen)
                qWarning() << "a message followed the chain head";
            for (const v1::AuditEntry &entry : message.entries())
                entries << entry;
            if (message.has_chain_head()) {
                headSeen = true;
                if (chainHead)
                    *chainHead = message.chain_head();
            }
        }
        const grpc::Status status = reader->Finish();
        if (!status.ok() || !headSeen)
            qWarning() << "ExportAudit:" << status.error_message().c_str() << "head seen:" << headSeen;
        if (messages)
            *messages = status.ok() && headSeen ? count : -1;
        return entries;
    }

    v1::VerifyAuditChainResponse verify(qint64 from, qint64 to)
    {
        v1::VerifyAuditChainRequest request;
        request.set_from_seq(from);
        request.set_to_seq(to);
        v1::VerifyAuditChainResponse response;
        const grpc::Status status =
            m_audit->VerifyAuditChain(m_otterd.as(QStringLiteral("vera")).get(), request, &response);
        if (!status.ok())
            qWarning() << "VerifyAuditChain:" << status.error_message().c_str();
        return response;
    }

    v1::AuditChainHead head() { return verify(0, 0).head(); }

    OtterdHarness m_otterd;
    std::unique_ptr<v1::AuditService::Stub> m_audit;
    qint64 m_lastSeq = 0;
    QList<v1::AuditEntry> m_entries;
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
