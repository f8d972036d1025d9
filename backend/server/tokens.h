// Bearer tokens for operators and devices: random, shown once, stored only as a SHA-256 hash.
#pragma once

#include <QByteArray>
#include <QString>

namespace otter::backend {

// 256 random bits, base64url, with a prefix that tells operator ("otk_") and device ("otd_") tokens apart.
QString newOperatorToken();
QString newDeviceToken();
// Tokens carry 256 bits of entropy, so a plain SHA-256 is enough: no dictionary can guess them.
QByteArray hashToken(const QString &token);
QByteArray hashToken(const QByteArray &utf8); // the same, for a token still in its wire bytes

} // namespace otter::backend
