// The table of fields a filter expression can name.
#include "core/filter_field.h"

#include <array>

namespace otter {

namespace {

struct FieldName
{
    QStringView name;
    FilterField field;
};

constexpr std::array<FieldName, 9> fieldNames{{
    {u"id", FilterField::Id},
    {u"class", FilterField::HardwareClass},
    {u"region", FilterField::Region},
    {u"version", FilterField::Version},
    {u"security_version", FilterField::SecurityVersion},
    {u"svn", FilterField::SecurityVersion},
    {u"bank", FilterField::Bank},
    {u"state", FilterField::State},
    {u"busy", FilterField::Busy},
}};

} // namespace

FilterValueType filterFieldType(FilterField field)
{
    switch (field) {
    case FilterField::Version:
        return FilterValueType::Version;
    case FilterField::SecurityVersion:
        return FilterValueType::Integer;
    case FilterField::Busy:
        return FilterValueType::Boolean;
    case FilterField::Id:
    case FilterField::HardwareClass:
    case FilterField::Region:
    case FilterField::Bank:
    case FilterField::State:
    case FilterField::Label:
        break;
    }
    return FilterValueType::Text;
}

QString filterFieldName(FilterField field)
{
    if (field == FilterField::Label)
        return QStringLiteral("label");
    for (const FieldName &entry : fieldNames) {
        if (entry.field == field)
            return entry.name.toString(); // the first entry of a field is its canonical name
    }
    return QString();
}

std::optional<FilterField> filterFieldFromName(QStringView name)
{
    for (const FieldName &entry : fieldNames) {
        if (entry.name == name)
            return entry.field;
    }
    return std::nullopt;
}

QString filterFieldList()
{
    return QStringLiteral(
        "id, class, region, version, security_version (or svn), bank, state, busy, label.<key>");
}

bool isValidLabelKey(QStringView key)
{
    if (key.isEmpty())
        return false;
    for (QChar c : key) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                        c == u'_' || c == u'.' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace otter
