// Fuzzes the bundle readers with arbitrary files: malformed tars must be refused, never crash.
#include "core/bundle.h"

#include <QFile>
#include <QTemporaryFile>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const otter::PrivateKey key = otter::PrivateKey::generate().value();
    QTemporaryFile file;
    if (!file.open())
        return 0;
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.flush();
    otter::BundleReadOptions options;
    options.trust.trustedKeys = {key.publicKey()};
    (void)otter::verifyBundle(file.fileName(), options);
    (void)otter::inspectBundle(file.fileName());
    return 0;
}
