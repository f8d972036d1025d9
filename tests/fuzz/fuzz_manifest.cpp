// Fuzzes the manifest parser: it must never crash, and whatever it accepts must survive a round trip.
#include "core/manifest.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = otter::Manifest::parse(bytes);
    if (!parsed)
        return 0;
    // An accepted manifest re-serialises to bytes that parse to the very same manifest.
    auto again = otter::Manifest::parse(parsed->serialize());
    if (!again || !(*again == *parsed))
        std::abort();
    return 0;
}
