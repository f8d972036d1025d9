// Sample data for the rollout detail tests and screenshots: a 2,000-device rollout of 2.5.0 in stages
// 1/10/25/50/100, either running in the middle of stage 2 or paused there by the failure policy, with the
// history of progress that led there (one point every 15 s) and its events.
#pragma once

#include "models/records.h"
#include "models/rollout_progress.h"

#include <QTimeZone>

#include <cmath>

namespace otter::ui::testing {

struct RolloutSample
{
    models::RolloutRecord rollout;
    QList<models::RolloutProgressRecord> history; // oldest first; the last is "now"
    QList<models::RolloutEventRecord> events;
    QList<models::DeploymentRecord> deployments;
};

inline QDateTime rolloutSampleStart()
{
    return QDateTime(QDate(2024, 3, 28), QTime(8, 40), QTimeZone::utc());
}

// `autoPaused`: stage 2 fails at 7.5 % and the policy (5 % over at least 40) pauses the rollout.
inline RolloutSample makeRolloutSample(bool autoPaused)
{
    RolloutSample sample;
    models::RolloutRecord &r = sample.rollout;
    r.id = autoPaused ? QStringLiteral("r-eu-2024-03b") : QStringLiteral("r-eu-2024-03");
    r.name = autoPaused ? QStringLiteral("gw-200 2.5.1 EU") : QStringLiteral("gw-200 2.5.0 EU spring");
    r.releaseId = QStringLiteral("9f2c41d0a7e3b8c6");
    r.targetGroupIds = {QStringLiteral("eu-gateways")};
    for (int percent : {1, 10, 25, 50, 100})
        r.stages.append({percent, 600, 95});
    r.maxFailurePercent = 5;
    r.minFinished = 40;
    r.currentStage = 1;
    r.createdBy = QStringLiteral("olga");
    r.state = autoPaused ? QStringLiteral("PAUSED") : QStringLiteral("RUNNING");
    r.revision = 42;
    const QDateTime start = rolloutSampleStart();
    r.started = {QStringLiteral("olga"), start, QStringLiteral("go")};
    if (autoPaused) {
        r.autoPaused = true;
        r.paused = {QStringLiteral("system"), start.addSecs(48 * 60),
                    QStringLiteral("auto-paused: stage 2 failure rate 7.5% > 5% over 40 devices")};
    }

    // Stage sizes of 2,000 eligible devices: 20, 180, 300, 500, 1000.
    const QList<quint64> sizes = {20, 180, 300, 500, 1000};
    const int steps = autoPaused ? 192 : 200; // 15 s apart: 48 and 50 minutes
    const double failRate2 = autoPaused ? 0.075 : 0.02;
    for (int step = 0; step <= steps; ++step) {
        models::RolloutProgressRecord p;
        p.rolloutId = r.id;
        p.asOf = start.addSecs(step * 15);
        const double minutes = step / 4.0;
        // Stage 1 finishes over its first 12 minutes, soaks 10, then stage 2 ramps up.
        const double s1 = std::min(1.0, minutes / 12.0);
        const double s2 = minutes < 22 ? 0 : std::min(1.0, (minutes - 22) / 45.0);
        for (int i = 0; i < 5; ++i) {
            models::StageProgressRecord s;
            s.index = i;
            s.cumulativePercent = r.stages[i].cumulativePercent;
            s.deviceCount = sizes[i];
            const double share = i == 0 ? s1 : i == 1 ? s2 : 0;
            const auto done = quint64(std::floor(share * double(sizes[i])));
            const double failShare = i == 0 ? 0.05 : failRate2;
            s.counts.failed = quint64(std::round(double(done) * failShare * 0.6));
            s.counts.rolledBack = quint64(std::round(double(done) * failShare * 0.4));
            s.counts.succeeded = done - s.counts.failed - s.counts.rolledBack;
            const quint64 left = sizes[i] - done;
            const bool started = i == 0 || (i == 1 && minutes >= 22);
            s.counts.installing = started ? std::min<quint64>(left, 12) : 0;
            s.counts.downloading = started ? std::min<quint64>(left - s.counts.installing, 25) : 0;
            s.counts.pending = left - s.counts.installing - s.counts.downloading;
            s.status = !started                    ? QStringLiteral("WAITING")
                       : (i == 0 && minutes >= 22) ? QStringLiteral("PASSED")
                                                   : QStringLiteral("ACTIVE");
            if (started)
                s.startedAt = start.addSecs(i == 0 ? 0 : 22 * 60);
            if (s.status == u"PASSED")
                s.gateDetail = QStringLiteral("stage 1: passed, 19 of 20 succeeded");
            else if (s.status == u"ACTIVE")
                s.gateDetail = QStringLiteral("stage %1: waiting for %2 devices").arg(i + 1).arg(left);
            else
                s.gateDetail = QStringLiteral("stage %1: not started").arg(i + 1);
            p.stages.append(s);
            p.total.succeeded += s.counts.succeeded;
            p.total.failed += s.counts.failed;
            p.total.rolledBack += s.counts.rolledBack;
            p.total.installing += s.counts.installing;
            p.total.downloading += s.counts.downloading;
            p.total.pending += s.counts.pending;
        }
        p.total.skipped = 37;
        p.failureSample = p.total.finished();
        p.failurePercent = p.failureSample == 0 ? 0
                                                : 100.0 * double(p.total.failed + p.total.rolledBack) /
                                                      double(p.failureSample);
        sample.history.append(p);
    }

    auto event = [&](int minute, const QString &kind, const QString &from, const QString &to, int stage,
                     const QString &actor, const QString &message) {
        models::RolloutEventRecord e;
        e.seq = sample.events.size() + 1;
        e.time = start.addSecs(minute * 60);
        e.kind = kind;
        e.fromState = from;
        e.toState = to;
        e.stage = stage;
        e.actor = actor;
        e.message = message;
        sample.events.append(e);
    };
    const QString system = QStringLiteral("system");
    event(-30, QStringLiteral("STATE_CHANGED"), QStringLiteral("DRAFT"), QStringLiteral("PENDING_APPROVAL"),
          0, QStringLiteral("olga"), QStringLiteral("spring update for EU gateways"));
    event(-12, QStringLiteral("STATE_CHANGED"), QStringLiteral("PENDING_APPROVAL"),
          QStringLiteral("APPROVED"), 0, QStringLiteral("abe"), QStringLiteral("looks good, canary first"));
    event(0, QStringLiteral("STATE_CHANGED"), QStringLiteral("APPROVED"), QStringLiteral("RUNNING"), 0,
          QStringLiteral("olga"), QStringLiteral("go"));
    event(0, QStringLiteral("STAGE_STARTED"), {}, {}, 0, system,
          QStringLiteral("stage 1 started: 20 devices"));
    event(22, QStringLiteral("STAGE_STARTED"), {}, {}, 1, system,
          QStringLiteral("stage 1 gate passed (19 of 20 succeeded); stage 2 started: 180 devices"));
    if (autoPaused)
        event(48, QStringLiteral("AUTO_PAUSED"), QStringLiteral("RUNNING"), QStringLiteral("PAUSED"), 1,
              system, r.paused.comment);

    const QStringList states = {
        QStringLiteral("SUCCEEDED"),   QStringLiteral("SUCCEEDED"), QStringLiteral("SUCCEEDED"),
        QStringLiteral("INSTALLING"),  QStringLiteral("SUCCEEDED"), QStringLiteral("ROLLED_BACK"),
        QStringLiteral("DOWNLOADING"), QStringLiteral("SUCCEEDED"), QStringLiteral("FAILED")};
    for (int i = 0; i < 60; ++i) {
        models::DeploymentRecord d;
        d.id = QStringLiteral("dep-%1").arg(i);
        d.rolloutId = r.id;
        d.deviceId = QStringLiteral("gw-%1").arg(1200 + i * 7, 6, 10, QLatin1Char('0'));
        d.stage = i < 12 ? 0 : 1;
        d.state = states[i % states.size()];
        if (d.state == u"ROLLED_BACK") {
            d.error = QStringLiteral("HEALTH_CHECK_FAILED");
            d.detail = QStringLiteral("modem did not attach within 120 s");
        } else if (d.state == u"FAILED") {
            d.error = QStringLiteral("IMAGE_HASH_MISMATCH");
            d.detail = QStringLiteral("chunk 14 corrupted");
        }
        d.createdAt = start;
        d.updatedAt = start.addSecs(60 * (5 + i % 40));
        if (d.state == u"SUCCEEDED" || d.state == u"FAILED" || d.state == u"ROLLED_BACK")
            d.finishedAt = d.updatedAt;
        sample.deployments.append(d);
    }
    return sample;
}

} // namespace otter::ui::testing
