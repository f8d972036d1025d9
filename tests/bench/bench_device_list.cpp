// Device-list throughput: 100,000 devices provisioned from CSV, paged through
// DeviceInventoryService.ListDevices (1000 per page, TLS, a real otterd), beside two baselines measured in
// the same run — the same rows read straight from the SQLite file with a prepared statement and decoded into
// v1::Device in this process, and the rate of empty WhoAmI calls — and the time of a filtered listing. Prints
// figures; checks only that every device came back exactly once.
#include "backend/storage/device_queries_rows.h"
#include "backend/storage/device_records.h"
#include "backend/storage/sqlite_connection.h"
#include "otter/v1/devices.grpc.pb.h"
#include "otter/v1/identity.grpc.pb.h"
#include "otterd_harness.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSet>

#include <cstdio>

using namespace otter;
using otter::test::OtterdHarness;

namespace {

constexpr int DeviceCount = 100000;
constexpr int PageSize = 1000;
constexpr int Passes = 3;

struct Listing
{
    qint64 rows = 0;
    qint64 totalCount = 0;
    double seconds = 0;
    QSet<QString> ids;
    QString error;
};

Listing listAll(OtterdHarness &otterd, v1::DeviceInventoryService::Stub &stub, const std::string &filter,
                bool collectIds)
{
    Listing listing;
    v1::ListDevicesRequest request;
    request.set_page_size(PageSize);
    request.set_filter(filter);
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        v1::ListDevicesResponse response;
        auto context = otterd.as(QStringLiteral("vera"), 120000);
        const grpc::Status status = stub.ListDevices(context.get(), request, &response);
        if (!status.ok()) {
            listing.error = QString::fromStdString(status.error_message());
            return listing;
        }
        if (request.page_token().empty())
            listing.totalCount = qint64(response.total_count());
        listing.rows += response.devices_size();
        if (collectIds) {
            for (const v1::Device &device : response.devices())
                listing.ids.insert(QString::fromStdString(device.id()));
        }
        if (response.next_page_token().empty())
            break;
        request.set_page_token(response.next_page_token());
    }
    listing.seconds = double(timer.nsecsElapsed()) / 1e9;
    return listing;
}

// The floor under ListDevices: the same rows, the same decoding, no RPC.
double directRowsPerSecond(const QString &databasePath, qint64 *rows)
{
    auto connection =
        backend::SqliteConnection::open(databasePath, backend::SqliteConnection::Mode::ReadOnly);
    if (!connection)
        return 0;
    static const QByteArray sql =
        QByteArray("SELECT ") + backend::DeviceColumns + " FROM devices ORDER BY id";
    QElapsedTimer timer;
    timer.start();
    auto statement = (*connection)->prepare(sql.constData());
    if (!statement)
        return 0;
    google::protobuf::RepeatedPtrField<v1::Device> page;
    *rows = 0;
    while (statement->next()) {
        backend::readDeviceRow(statement->handle(), page.Add());
        if (page.size() == PageSize)
            page.Clear();
        ++*rows;
    }
    return double(*rows) / (double(timer.nsecsElapsed()) / 1e9);
}

double whoAmIPerSecond(OtterdHarness &otterd)
{
    auto stub = v1::IdentityService::NewStub(otterd.channel());
    constexpr int Calls = 500;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < Calls; ++i) {
        v1::WhoAmIResponse response;
        auto context = otterd.as(QStringLiteral("vera"));
        if (!stub->WhoAmI(context.get(), {}, &response).ok())
            return 0;
    }
    return Calls / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    OtterdHarness otterd;
    if (!otterd.start()) {
        std::fprintf(stderr, "otterd did not start: %s\n", qPrintable(otterd.error()));
        return 1;
    }
    QElapsedTimer provisioning;
    provisioning.start();
    // 50,000 + 30,000 + 20,000 devices through `otterd device provision --csv`.
    const qint64 provisioned = otterd
                                   .provision(50000, QStringLiteral("gw-200"), QStringLiteral("eu-west"),
                                              QStringLiteral("ring=canary"), 0)
                                   .size() +
                               otterd
                                   .provision(30000, QStringLiteral("gw-300"), QStringLiteral("us-east"),
                                              QStringLiteral("ring=stable;site=lab"), 50000)
                                   .size() +
                               otterd
                                   .provision(20000, QStringLiteral("sensor-1"), QStringLiteral("eu-north"),
                                              QStringLiteral("ring=canary"), 80000)
                                   .size();
    std::printf("provisioned %lld devices from CSV in %.1f s\n", provisioned,
                double(provisioning.elapsed()) / 1000.0);
    if (provisioned != DeviceCount) {
        std::fprintf(stderr, "FAIL: provisioned %lld devices, expected %d\n", provisioned, DeviceCount);
        return 1;
    }

    auto stub = v1::DeviceInventoryService::NewStub(otterd.channel());
    bool ok = true;
    double best = 0;
    for (int pass = 1; pass <= Passes; ++pass) {
        const Listing listing = listAll(otterd, *stub, std::string(), pass == 1);
        if (!listing.error.isEmpty()) {
            std::fprintf(stderr, "FAIL: ListDevices: %s\n", qPrintable(listing.error));
            return 1;
        }
        const double rate = double(listing.rows) / listing.seconds;
        best = qMax(best, rate);
        std::printf("ListDevices pass %d: %lld rows in %.3f s = %.0f rows/s (page size %d)\n", pass,
                    listing.rows, listing.seconds, rate, PageSize);
        if (listing.rows != DeviceCount || listing.totalCount != DeviceCount ||
            (pass == 1 && listing.ids.size() != DeviceCount)) {
            std::fprintf(stderr, "FAIL: %lld rows, total_count %lld, %lld distinct ids; expected %d each\n",
                         listing.rows, listing.totalCount, qint64(listing.ids.size()), DeviceCount);
            ok = false;
        }
    }

    qint64 directRows = 0;
    const double direct =
        directRowsPerSecond(QDir(otterd.dataDir()).filePath(QStringLiteral("otterd.sqlite")), &directRows);
    const double calls = whoAmIPerSecond(otterd);
    std::printf(
        "baseline, SQLite prepared statement decoded into v1::Device in-process: %lld rows, %.0f rows/s\n",
        directRows, direct);
    std::printf("baseline, empty WhoAmI round trips: %.0f calls/s (%.0f rows/s if every page were free)\n",
                calls, calls * PageSize);
    std::printf("ListDevices best %.0f rows/s = %.2f x the in-process SQLite rate (target 200000 rows/s)\n",
                best, direct > 0 ? best / direct : 0.0);

    const std::string filter = "class == \"gw-300\" and label.ring == \"stable\" and region in [\"us-east\"]";
    const Listing filtered = listAll(otterd, *stub, filter, false);
    if (!filtered.error.isEmpty()) {
        std::fprintf(stderr, "FAIL: filtered ListDevices: %s\n", qPrintable(filtered.error));
        return 1;
    }
    std::printf("filtered ListDevices (%s): %lld rows in %.3f s = %.0f rows/s\n", filter.c_str(),
                filtered.rows, filtered.seconds, double(filtered.rows) / filtered.seconds);
    if (filtered.rows != 30000 || filtered.totalCount != 30000) {
        std::fprintf(stderr, "FAIL: filtered listing returned %lld rows (total_count %lld), expected 30000\n",
                     filtered.rows, filtered.totalCount);
        ok = false;
    }
    otterd.stop();
    return ok ? 0 : 1;
}
