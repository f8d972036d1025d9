// Reading devices rows into v1::Device without QString round trips. Labels are stored as the compact JSON
// object that provisioning writes; a tiny scanner reads that shape and anything else goes through
// QJsonDocument, so unusual (escaped) text is still read correctly, only slower.
#include "backend/storage/device_queries_rows.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <string_view>

namespace otter::backend {
namespace {

std::string_view columnText(sqlite3_stmt *row, int column)
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(row, column));
    return data ? std::string_view(data, size_t(sqlite3_column_bytes(row, column))) : std::string_view();
}

// Fields arrive on a fresh message: empty values are left unset, which avoids allocating empty strings.
void assign(v1::Device *device, std::string *(v1::Device::*field)(), std::string_view value)
{
    if (!value.empty())
        (device->*field)()->assign(value.data(), value.size());
}

// Reads a JSON string without escapes at `pos` (just past the opening quote); false when it has escapes.
bool plainString(std::string_view json, size_t &pos, std::string_view *out)
{
    const size_t end = json.find_first_of("\"\\", pos);
    if (end == std::string_view::npos || json[end] != '"')
        return false;
    *out = json.substr(pos, end - pos);
    pos = end + 1;
    return true;
}

// {"k":"v","k2":"v2"} exactly as QJsonDocument::Compact writes it, values all strings, no escapes.
bool scanFlatLabels(std::string_view json, google::protobuf::Map<std::string, std::string> *labels)
{
    size_t pos = 0;
    if (json.size() < 2 || json[pos++] != '{')
        return false;
    if (json[pos] == '}')
        return pos + 1 == json.size();
    for (;;) {
        std::string_view key;
        std::string_view value;
        if (pos >= json.size() || json[pos++] != '"' || !plainString(json, pos, &key))
            return false;
        if (pos >= json.size() || json[pos++] != ':')
            return false;
        if (pos >= json.size() || json[pos++] != '"' || !plainString(json, pos, &value))
            return false;
        (*labels)[std::string(key)].assign(value.data(), value.size());
        if (pos >= json.size())
            return false;
        const char next = json[pos++];
        if (next == '}')
            return pos == json.size();
        if (next != ',')
            return false;
    }
}

void readLabels(std::string_view json, v1::Device *device)
{
    if (json.size() <= 2)
        return; // "{}"
    auto *labels = device->mutable_labels();
    if (scanFlatLabels(json, labels))
        return;
    labels->clear();
    const QJsonObject object =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), qsizetype(json.size()))).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        (*labels)[it.key().toStdString()] = it.value().toString().toStdString();
}

v1::DeviceState stateFromText(std::string_view state)
{
    // The stored names of deviceStateName(); compared as bytes to avoid building a QString per row.
    if (state == "idle")
        return v1::DEVICE_STATE_IDLE;
    if (state == "updating")
        return v1::DEVICE_STATE_UPDATING;
    if (state == "update_failed")
        return v1::DEVICE_STATE_UPDATE_FAILED;
    return v1::DEVICE_STATE_PROVISIONED;
}

} // namespace

void readDeviceRow(sqlite3_stmt *row, v1::Device *device)
{
    // Column order of DeviceColumns: id, hardware_class, region, labels, firmware_version, security_version,
    // active_bank, inactive_bank_version, state, busy, last_seen, current_deployment_id, revision.
    assign(device, &v1::Device::mutable_id, columnText(row, 0));
    assign(device, &v1::Device::mutable_hardware_class, columnText(row, 1));
    assign(device, &v1::Device::mutable_region, columnText(row, 2));
    readLabels(columnText(row, 3), device);
    assign(device, &v1::Device::mutable_firmware_version, columnText(row, 4));
    device->set_security_version(quint64(sqlite3_column_int64(row, 5)));
    device->set_active_bank(columnText(row, 6) == "B" ? v1::BANK_B : v1::BANK_A);
    assign(device, &v1::Device::mutable_inactive_bank_version, columnText(row, 7));
    device->set_state(stateFromText(columnText(row, 8)));
    device->set_busy(sqlite3_column_int64(row, 9) != 0);
    if (sqlite3_column_type(row, 10) != SQLITE_NULL) {
        const qint64 ms = sqlite3_column_int64(row, 10);
        auto *lastSeen = device->mutable_last_seen();
        lastSeen->set_seconds(ms / 1000);
        lastSeen->set_nanos(int(ms % 1000) * 1000000);
    }
    assign(device, &v1::Device::mutable_current_deployment_id, columnText(row, 11));
    device->set_revision(sqlite3_column_int64(row, 12));
}

} // namespace otter::backend
