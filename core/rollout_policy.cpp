// Rollout safety decisions: failure-policy auto-pause and stage gates.
#include "core/rollout_policy.h"

#include <QStringList>

#include <cmath>

namespace otter {

namespace {

QString trimmedNumber(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

bool validPercent(double value)
{
    return std::isfinite(value) && value >= 0 && value <= 100;
}

QString stageName(int stageIndex)
{
    return QStringLiteral("stage %1").arg(stageIndex + 1);
}

QString devicesText(qint64 count)
{
    return count == 1 ? QStringLiteral("1 device") : QStringLiteral("%1 devices").arg(count);
}

} // namespace

StageCounts &StageCounts::operator+=(const StageCounts &other)
{
    pending += other.pending;
    inProgress += other.inProgress;
    succeeded += other.succeeded;
    failed += other.failed;
    rolledBack += other.rolledBack;
    return *this;
}

Result<void> validateFailurePolicy(const FailurePolicy &policy)
{
    if (!validPercent(policy.maxFailurePercent)) {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("the failure threshold must be between 0% and 100%, not %1%")
                             .arg(policy.maxFailurePercent));
    }
    if (policy.minFinished < 1) {
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("the failure policy's minimum sample must be at least 1 device, not %1")
                .arg(policy.minFinished));
    }
    return {};
}

Result<void> validateStageGate(const StageGate &gate)
{
    if (!validPercent(gate.minSuccessPercent)) {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("the gate's success rate must be between 0% and 100%, not %1%")
                             .arg(gate.minSuccessPercent));
    }
    if (gate.minSoak.count() < 0)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("the gate's soak time must not be negative"));
    if (gate.minSoak > kMaxStageSoak) {
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("the gate's soak time must be at most %1 days").arg(kMaxStageSoak.count() / 24));
    }
    return {};
}

double failurePercent(const StageCounts &counts)
{
    const qint64 finished = counts.finished();
    if (finished <= 0)
        return 0;
    return double(counts.failed + counts.rolledBack) * 100.0 / double(finished);
}

std::optional<QString> shouldAutoPause(const StageCounts &counts, const FailurePolicy &policy, int stageIndex)
{
    const qint64 finished = counts.finished();
    if (finished < policy.minFinished || finished <= 0)
        return std::nullopt;
    const qint64 bad = counts.failed + counts.rolledBack;
    if (!(double(bad) * 100.0 > policy.maxFailurePercent * double(finished)))
        return std::nullopt;
    return QStringLiteral("%1 failure rate %2% > %3% over %4")
        .arg(stageName(stageIndex), formatPercent(failurePercent(counts), policy.maxFailurePercent),
             formatPercent(policy.maxFailurePercent), devicesText(finished));
}

GateDecision evaluateGate(const StageCounts &counts, const StageGate &gate,
                          std::chrono::milliseconds soakElapsed, int stageIndex)
{
    const QString stage = stageName(stageIndex);
    if (counts.total() == 0)
        return {GateState::Passed, QStringLiteral("%1 has no devices; nothing to wait for").arg(stage)};

    if (counts.pending > 0 || counts.inProgress > 0) {
        QStringList busy;
        if (counts.inProgress > 0)
            busy.append(QStringLiteral("%1 in progress").arg(devicesText(counts.inProgress)));
        if (counts.pending > 0)
            busy.append(QStringLiteral("%1 not started").arg(devicesText(counts.pending)));
        return {GateState::Waiting,
                QStringLiteral("%1: waiting for %2").arg(stage, busy.join(QStringLiteral(" and ")))};
    }

    const qint64 finished = counts.finished();
    const double success = double(counts.succeeded) * 100.0 / double(finished);
    const QString successText = QStringLiteral("success %1% (%2 of %3)")
                                    .arg(formatPercent(success, gate.minSuccessPercent))
                                    .arg(counts.succeeded)
                                    .arg(finished);
    if (double(counts.succeeded) * 100.0 < gate.minSuccessPercent * double(finished)) {
        return {GateState::Blocked, QStringLiteral("%1: %2 is below the %3% gate")
                                        .arg(stage, successText, formatPercent(gate.minSuccessPercent))};
    }

    if (soakElapsed < gate.minSoak) {
        return {GateState::Waiting,
                QStringLiteral("%1: soaking, %2 of %3 elapsed")
                    .arg(stage, formatDuration(soakElapsed), formatDuration(gate.minSoak))};
    }
    return {GateState::Passed,
            QStringLiteral("%1 passed its gate: %2 meets %3%, soaked %4")
                .arg(stage, successText, formatPercent(gate.minSuccessPercent), formatDuration(soakElapsed))};
}

bool gatePassed(const StageCounts &counts, const StageGate &gate, std::chrono::milliseconds soakElapsed)
{
    return evaluateGate(counts, gate, soakElapsed, 0).passed();
}

QString formatPercent(double percent, std::optional<double> distinctFrom)
{
    QString text = trimmedNumber(percent, 1);
    if (distinctFrom && *distinctFrom != percent) {
        const QString other = trimmedNumber(*distinctFrom, 3);
        for (int decimals = 2; text == other && decimals <= 6; ++decimals)
            text = trimmedNumber(percent, decimals);
    }
    return text;
}

QString formatDuration(std::chrono::milliseconds duration)
{
    const qint64 total = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
    if (total <= 0)
        return QStringLiteral("0s");
    const qint64 parts[] = {total / 86400, total / 3600 % 24, total / 60 % 60, total % 60};
    const char *const units[] = {"d", "h", "m", "s"};
    QStringList shown;
    for (int i = 0; i < 4 && shown.size() < 2; ++i) {
        if (parts[i] > 0)
            shown.append(QString::number(parts[i]) + QLatin1String(units[i]));
        else if (!shown.isEmpty())
            break; // "1h" rather than "1h 0m"
    }
    return shown.join(QLatin1Char(' '));
}

} // namespace otter
