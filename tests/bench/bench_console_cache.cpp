// bench.console_cache: the console's offline cache at fleet scale. Builds caches of 100,000 and 1,000,000
// devices through CacheStore::apply in sync-sized pages, then measures a cold open to the first painted
// devices page, filter apply and clear, and a re-sort on the large one, beside a baseline measured in the
// same run (a plain scan of every device id, what a model that loads all rows would pay at least). Prints
// figures only.
#include "models/cache_database.h"
#include "models/cache_store.h"
#include "models/device_table_model.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace otter::models;

namespace {

constexpr int PageDevices = 10000; // a sync page's worth

QList<DeviceRecord> page(int first, int count)
{
    static const QStringList versions{u"1.8.2"_s,      u"1.9.0"_s, u"1.10.0"_s, u"1.10.1"_s,
                                      u"2.0.0-rc.1"_s, u"2.0.0"_s, u"2.1.0"_s,  u"2.1.1"_s};
    static const QStringList regions{u"eu-west"_s, u"eu-north"_s, u"us-east"_s, u"ap-south"_s};
    static const QStringList states{u"IDLE"_s, u"IDLE"_s, u"IDLE"_s, u"UPDATING"_s, u"UPDATE_FAILED"_s};
    QList<DeviceRecord> devices;
    devices.reserve(count);
    for (int i = first; i < first + count; ++i) {
        DeviceRecord d;
        d.id = u"dev-%1"_s.arg(i, 7, 10, QLatin1Char('0'));
        d.hardwareClass = i % 3 == 0 ? u"gw-100"_s : (i % 3 == 1 ? u"gw-200"_s : u"sensor-9"_s);
        d.region = regions.at(i % regions.size());
        d.firmwareVersion = versions.at((i / 7) % versions.size());
        d.securityVersion = quint64(i % 5);
        d.activeBank = i % 2 ? u"A"_s : u"B"_s;
        d.state = states.at(i % states.size());
        d.lastSeen =
            QDateTime::fromMSecsSinceEpoch(1700000000000 + qint64(i % 86400) * 1000, QTimeZone::utc());
        d.busy = i % 17 == 0;
        if (i % 10 == 0)
            d.labels = {{u"ring"_s, u"canary"_s}};
        d.revision = i + 1;
        devices.append(d);
    }
    return devices;
}

// CPU time of this thread: on a shared machine the wall clock also counts other people's work.
qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

QString peakRss()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return u"?"_s;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return QString::fromLatin1(line.mid(6).trimmed());
    return u"?"_s;
}

void report(const char *what, double value, const char *unit, const char *target)
{
    std::printf("  %-52s %10.1f %-4s %s\n", what, value, unit, target);
    std::fflush(stdout);
}

// Paints the view offscreen and returns once the first rows are drawn.
void paint(QTableView &view)
{
    (void)view.grab();
}

void run(int fleetSize, bool filters)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"cache.db"_s);
    std::printf("\n%d cached devices\n", fleetSize);
    {
        CacheDatabase database;
        if (!database.open(path)) {
            std::printf("  cannot open the cache\n");
            return;
        }
        CacheStore store(database);
        qint64 applyNs = 0;
        qint64 applyCpuNs = 0;
        for (int first = 0; first < fleetSize; first += PageDevices) {
            ChangeBatch batch;
            batch.devices = page(first, qMin(PageDevices, fleetSize - first));
            batch.currentRevision = fleetSize;
            batch.complete = first + PageDevices >= fleetSize;
            QElapsedTimer timer;
            timer.start();
            const qint64 cpuBefore = threadCpuNs();
            const auto applied = store.apply(batch);
            applyNs += timer.nsecsElapsed();
            applyCpuNs += threadCpuNs() - cpuBefore;
            if (!applied) {
                std::printf("  apply failed: %s\n", qPrintable(applied.errorMessage()));
                return;
            }
        }
        report("CacheStore::apply, pages of 10,000 (total)", double(applyNs) / 1e6, "ms",
               "(target: 100,000 well under 1-2 s)");
        report("  of which CPU time of the applying thread", double(applyCpuNs) / 1e6, "ms", "");
        report("apply rate (wall clock)", fleetSize / (double(applyNs) / 1e9), "/s", "");
        database.closeConnection();
    }
    std::printf("  cache file: %.1f MiB\n", double(QFile(path).size()) / 1024.0 / 1024.0);

    QElapsedTimer cold;
    cold.start();
    CacheDatabase database;
    if (!database.open(path))
        return;
    auto *model = new DeviceTableModel(database);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform row heights
    view.verticalHeader()->setDefaultSectionSize(22);
    view.resize(1200, 800);
    view.setModel(model);
    view.show();
    paint(view);
    report("cold open to first painted page", ms(cold), "ms", "(target < 100 ms)");

    {
        QElapsedTimer timer;
        timer.start();
        QSqlQuery scan(database.connection());
        scan.setForwardOnly(true);
        scan.exec(u"SELECT id FROM devices"_s);
        qint64 rows = 0;
        while (scan.next())
            ++rows;
        report("baseline: read every device id once", ms(timer), "ms",
               "(what loading all rows costs at least)");
    }
    {
        QElapsedTimer timer;
        timer.start();
        const qint64 count = model->matchingCount();
        report("matchingCount, no filter", ms(timer), "ms", qPrintable(u"(%1 devices)"_s.arg(count)));
    }
    if (filters) {
        const QStringList filterTexts{u"version < \"2.0.0\" and region == \"eu-north\""_s,
                                      u"label.ring == \"canary\" and state == \"idle\""_s,
                                      u"class == \"nothing-matches\""_s};
        for (const QString &text : filterTexts) {
            QElapsedTimer timer;
            timer.start();
            model->setFilter(text);
            paint(view);
            const double applyMs = ms(timer);
            timer.restart();
            const qint64 count = model->matchingCount();
            std::printf("  filter %s\n", qPrintable(text));
            report("  apply to painted first page", applyMs, "ms", "(target < 1000 ms)");
            report("  matchingCount", ms(timer), "ms", qPrintable(u"(%1 devices)"_s.arg(count)));
            timer.restart();
            model->setFilter(QString());
            paint(view);
            report("  clear to painted first page", ms(timer), "ms", "(target < 1000 ms)");
        }
        for (int column : {int(DeviceTableModel::FirmwareVersion), int(DeviceTableModel::LastSeen)}) {
            QElapsedTimer timer;
            timer.start();
            model->sort(column, Qt::DescendingOrder);
            paint(view);
            report(qPrintable(u"sort by %1 descending to painted page"_s.arg(
                       model->headerData(column, Qt::Horizontal).toString())),
                   ms(timer), "ms", "");
        }
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 50 && model->canFetchMore({}); ++i)
            model->fetchMore({});
        report("50 more pages (scrolling 10,000 rows)", ms(timer), "ms", "");
    }
    view.setModel(nullptr);
    delete model;
    database.closeConnection();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::printf("bench.console_cache: offline cache and devices page\n");
    // Sizes may be given on the command line to look at one size alone.
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.append(QByteArray(argv[i]).toInt());
    if (sizes.isEmpty())
        sizes = {100000, 1000000};
    for (int size : std::as_const(sizes))
        run(size, size >= 1000000);
    std::printf("\npeak memory (VmHWM): %s (target < 400 MiB)\n", qPrintable(peakRss()));
    return 0;
}
