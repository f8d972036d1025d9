// Rollout stage maths: stable device order and cumulative stage sizes.
#include "core/rollout_stages.h"

#include <QtEndian>

#include <openssl/evp.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace otter {

namespace {

// Keeps N × 100 inside qint64.
constexpr qint64 kMaxDeviceCount = std::numeric_limits<qint64>::max() / 100;

const EVP_MD *sha256Digest()
{
    static const EVP_MD *const digest = [] {
        const EVP_MD *fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : EVP_sha256();
    }();
    return digest;
}

} // namespace

QList<int> defaultStagePercents()
{
    return {1, 10, 25, 50, 100};
}

Result<void> validateStagePercents(const QList<int> &percents)
{
    if (percents.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("a rollout needs at least one stage"));
    if (percents.size() > kMaxRolloutStages) {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("a rollout can have at most %1 stages, not %2")
                             .arg(kMaxRolloutStages)
                             .arg(percents.size()));
    }
    for (qsizetype i = 0; i < percents.size(); ++i) {
        const int percent = percents[i];
        if (percent < 1 || percent > 100) {
            return makeError(ErrorKind::InvalidInput,
                             QStringLiteral("stage %1 is %2%: each stage must be between 1% and 100%")
                                 .arg(i + 1)
                                 .arg(percent));
        }
        if (i > 0 && percent <= percents[i - 1]) {
            return makeError(
                ErrorKind::InvalidInput,
                QStringLiteral("stage %1 is %2%, but stages are cumulative: it must be more than "
                               "stage %3 (%4%)")
                    .arg(i + 1)
                    .arg(percent)
                    .arg(i)
                    .arg(percents[i - 1]));
        }
    }
    if (percents.last() != 100) {
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("the last stage is %1%, but it must be 100% so that every targeted device "
                           "is updated")
                .arg(percents.last()));
    }
    return {};
}

Result<QList<qint64>> cumulativeStageSizes(qint64 deviceCount, const QList<int> &percents)
{
    if (auto valid = validateStagePercents(percents); !valid)
        return valid.error();
    if (deviceCount < 0 || deviceCount > kMaxDeviceCount) {
        return makeError(ErrorKind::InvalidInput, QStringLiteral("device count %1 is out of range (0 to %2)")
                                                      .arg(deviceCount)
                                                      .arg(kMaxDeviceCount));
    }
    QList<qint64> sizes;
    sizes.reserve(percents.size());
    for (int percent : percents) {
        // Integer ceiling: floating point would misplace exact multiples such as 7 × 100 / 100.
        sizes.append((deviceCount * percent + 99) / 100);
    }
    return sizes;
}

qint64 devicesAddedInStage(const QList<qint64> &cumulativeSizes, int stageIndex)
{
    if (stageIndex < 0 || stageIndex >= cumulativeSizes.size())
        return 0;
    return cumulativeSizes[stageIndex] - (stageIndex > 0 ? cumulativeSizes[stageIndex - 1] : 0);
}

int stageOfRank(qint64 rank, const QList<qint64> &cumulativeSizes)
{
    if (rank < 0)
        return -1;
    const auto it = std::upper_bound(cumulativeSizes.cbegin(), cumulativeSizes.cend(), rank);
    if (it == cumulativeSizes.cend())
        return -1;
    return int(it - cumulativeSizes.cbegin());
}

quint64 stageOrderKey(QStringView rolloutId, QStringView deviceId)
{
    QByteArray input = rolloutId.toUtf8();
    input.append('\0');
    input.append(deviceId.toUtf8());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(input.constData(), size_t(input.size()), digest, &length, sha256Digest(), nullptr) != 1 ||
        length < 8) {
        // Only reachable when OpenSSL itself is broken; a constant keeps the order defined (by device id).
        return 0;
    }
    return qFromBigEndian<quint64>(digest);
}

QStringList sortByStageOrder(QStringView rolloutId, const QStringList &deviceIds)
{
    std::vector<std::pair<quint64, qsizetype>> keyed;
    keyed.reserve(size_t(deviceIds.size()));
    for (qsizetype i = 0; i < deviceIds.size(); ++i)
        keyed.emplace_back(stageOrderKey(rolloutId, deviceIds[i]), i);
    std::sort(keyed.begin(), keyed.end(), [&](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first < b.first;
        const QStringView left = deviceIds[a.second];
        const QStringView right = deviceIds[b.second];
        return std::lexicographical_compare(left.utf16(), left.utf16() + left.size(), right.utf16(),
                                            right.utf16() + right.size());
    });
    QStringList sorted;
    sorted.reserve(deviceIds.size());
    for (const auto &entry : keyed)
        sorted.append(deviceIds[entry.second]);
    return sorted;
}

} // namespace otter
