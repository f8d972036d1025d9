// otter-sim load: check-ins at a target rate (or as fast as the server answers) with a cap on calls in
// flight, measuring the achieved rate, latency percentiles and this process's own CPU share, so that a
// benchmark can show the generator is not what limits the server.
#pragma once

#include "simulator/credentials.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace otter::sim {

struct LoadConfig
{
    QString server;
    QByteArray caPem;
    int channels = 4;
    double rate = 0; // check-ins per second; 0: as fast as the cap on calls in flight allows
    double durationSeconds = 10;
    int concurrency = 64;
    QString hardwareClass = QStringLiteral("gw-200");
    QString version = QStringLiteral("1.0.0");
    quint64 securityVersion = 1;
    int callDeadlineMs = 30000;
};

struct LoadReport
{
    qint64 calls = 0;
    qint64 errors = 0;
    double seconds = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double cpuShare = 0; // (user + system CPU time) / wall time of this process over the run; 1.0 = one core
    QString firstError;

    double rate() const { return seconds > 0 ? double(calls) / seconds : 0; }
    // "check-ins/s 1234.5 p50 3.21 ms p99 9.87 ms errors 0 cpu 0.42" — one line, easy to parse.
    QString line() const;
};

class LoadGenerator
{
public:
    LoadGenerator(LoadConfig config, QList<Credential> devices);
    LoadReport run(const std::atomic<bool> *stopFlag = nullptr);

private:
    LoadConfig m_config;
    QList<Credential> m_devices;
};

} // namespace otter::sim
