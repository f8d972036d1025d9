// Full sync of 100,000 devices from revision 0 through SyncService.GetChanges on a real otterd, printed next
// to a baseline measured in the same run: the same rows read (and turned into Device messages) straight
// from the SQLite file in this process. Figures only; the one assertion is that every device arrived once.
#include "backend/storage/device_records.h"
#include "backend/storage/sqlite_connection.h"
#include "otter/v1/identity.grpc.pb.h"
#include "otter/v1/sync.grpc.pb.h"
#include "otterd_harness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

#include <cstdio>

using namespace otter;

namespace {

constexpr int Rounds = 3;

struct Figures
{
    double seconds = 0;
    qint64 devices = 0;
    int pages = 0;
};

void print(const char *what, const Figures &figures)
{
    std::printf("  %-44s %8.3f s  %10.0f devices/s  (%lld devices, %d pages)\n", what, figures.seconds,
                double(figures.devices) / figures.seconds, static_cast<long long>(figures.devices),
                figures.pages);
}

Figures best(const QList<Figures> &rounds)
{
    Figures fastest = rounds.first();
    for (const Figures &round : rounds) {
        if (round.seconds < fastest.seconds)
            fastest = round;
    }
    return fastest;
}

// The client's side of a full sync: every page from revision 0, each id counted once.
Figures syncThroughApi(test::OtterdHarness &otterd, v1::SyncService::Stub &sync, quint32 pageSize,
                       QSet<QString> *ids)
{
    Figures figures;
    QElapsedTimer timer;
    timer.start();
    std::string token;
    do {
        v1::GetChangesRequest request;
        request.set_since_revision(0);
        request.set_page_size(pageSize);
        request.set_page_token(token);
        v1::GetChangesResponse response;
        const grpc::Status status =
            sync.GetChanges(otterd.as(QStringLiteral("vera"), 120000).get(), request, &response);
        if (!status.ok()) {
            std::fprintf(stderr, "GetChanges failed: %s\n", status.error_message().c_str());
            return {};
        }
        ++figures.pages;
        figures.devices += response.devices_size();
        if (ids) {
            for (const v1::Device &device : response.devices())
                ids->insert(QString::fromStdString(device.id()));
        }
        token = response.next_page_token();
    } while (!token.empty());
    figures.seconds = double(timer.nsecsElapsed()) / 1e9;
    return figures;
}

// The floor: the same rows in the same order from the same file, with and without building the messages.
Figures readFromSqlite(const QString &path, bool convert)
{
    Figures figures;
    auto connection = backend::SqliteConnection::open(path, backend::SqliteConnection::Mode::ReadOnly);
    if (!connection) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(path));
        return {};
    }
    static const QByteArray sql =
        QByteArray("SELECT ") + backend::DeviceColumns + " FROM devices ORDER BY revision, id";
    QElapsedTimer timer;
    timer.start();
    (void)(*connection)->exec("BEGIN");
    auto statement = (*connection)->prepare(sql.constData());
    if (!statement)
        return {};
    v1::Device device;
    while (statement->next()) {
        if (convert) {
            device.Clear();
            backend::deviceFromRow(*statement, &device);
        }
        ++figures.devices;
    }
    (void)(*connection)->exec("COMMIT");
    figures.seconds = double(timer.nsecsElapsed()) / 1e9;
    figures.pages = 1;
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int deviceCount = qEnvironmentVariableIntValue("OTTER_BENCH_DEVICES") > 0
                                ? qEnvironmentVariableIntValue("OTTER_BENCH_DEVICES")
                                : 100000;

    test::OtterdHarness otterd;
    if (!otterd.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(otterd.error()));
        return 1;
    }
    QElapsedTimer provisioning;
    provisioning.start();
    const int provisioned = int(otterd.provision(deviceCount).size());
    std::printf("bench.sync: provisioned %d devices in %.1f s\n", provisioned,
                double(provisioning.elapsed()) / 1000);
    if (provisioned != deviceCount) {
        std::fprintf(stderr, "FAIL: provisioned %d devices, wanted %d\n", provisioned, deviceCount);
        return 1;
    }

    v1::WhoAmIResponse me;
    const grpc::Status status = v1::IdentityService::NewStub(otterd.channel())
                                    ->WhoAmI(otterd.as(QStringLiteral("vera")).get(), {}, &me);
    if (!status.ok()) {
        std::fprintf(stderr, "WhoAmI failed: %s\n", status.error_message().c_str());
        return 1;
    }
    const quint32 pageSize = me.limits().max_page_size();
    auto sync = v1::SyncService::NewStub(otterd.channel());
    const QString database = otterd.dataDir() + QStringLiteral("/otterd.sqlite");

    QSet<QString> ids;
    QList<Figures> api, rows, converted;
    for (int round = 0; round < Rounds; ++round) {
        api << syncThroughApi(otterd, *sync, pageSize, round == 0 ? &ids : nullptr);
        rows << readFromSqlite(database, false);
        converted << readFromSqlite(database, true);
    }

    std::printf(
        "bench.sync: full sync from revision 0, page size %u (the server's maximum), best of %d rounds\n",
        pageSize, Rounds);
    const Figures apiBest = best(api);
    const Figures convertedBest = best(converted);
    print("GetChanges over TLS (otterd)", apiBest);
    print("baseline: SQLite rows + Device messages", convertedBest);
    print("baseline: SQLite rows only", best(rows));
    std::printf("  ratio GetChanges / baseline with messages: %.2f; target for the full sync: under 1 s "
                "(measured %.3f s)\n",
                apiBest.seconds / convertedBest.seconds, apiBest.seconds);

    bool ok = true;
    for (const Figures &round : api) {
        if (round.devices != deviceCount) {
            std::fprintf(stderr, "FAIL: a sync delivered %lld devices, wanted %d\n",
                         static_cast<long long>(round.devices), deviceCount);
            ok = false;
        }
    }
    if (ids.size() != deviceCount) {
        std::fprintf(stderr, "FAIL: %lld distinct device ids, wanted %d\n",
                     static_cast<long long>(ids.size()), deviceCount);
        ok = false;
    }
    otterd.stop();
    return ok ? 0 : 1;
}
