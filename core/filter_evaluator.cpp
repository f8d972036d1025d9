// In-memory evaluation of filter trees over DeviceRecord; the reference semantics for the SQL compiler.
#include "core/filter_evaluator.h"

#include "core/filter_glob.h"
#include "core/semver.h"

namespace otter {

namespace {

bool compareResult(FilterOp op, int order)
{
    switch (op) {
    case FilterOp::Equal:
        return order == 0;
    case FilterOp::NotEqual:
        return order != 0;
    case FilterOp::Less:
        return order < 0;
    case FilterOp::LessEqual:
        return order <= 0;
    case FilterOp::Greater:
        return order > 0;
    case FilterOp::GreaterEqual:
        return order >= 0;
    default:
        break;
    }
    return false;
}

bool integerCondition(const FilterNode &node, qint64 value)
{
    switch (node.op) {
    case FilterOp::In:
        return node.numbers.contains(value);
    case FilterOp::NotIn:
        return !node.numbers.contains(value);
    default:
        break;
    }
    const qint64 literal = node.numbers.front();
    return compareResult(node.op, value < literal ? -1 : (value > literal ? 1 : 0));
}

bool versionCondition(const FilterNode &node, QStringView version)
{
    switch (node.op) {
    case FilterOp::Glob:
        return FilterGlob::matches(version, node.texts.front());
    case FilterOp::In:
    case FilterOp::NotIn: {
        bool found = false;
        for (const QString &candidate : node.texts) {
            if (compareVersions(version, candidate) == 0) {
                found = true;
                break;
            }
        }
        return found == (node.op == FilterOp::In);
    }
    default:
        break;
    }
    return compareResult(node.op, compareVersions(version, node.texts.front()));
}

// value is null for a label the device does not carry.
bool textCondition(const FilterNode &node, const QString *value)
{
    switch (node.op) {
    case FilterOp::Has:
        return value != nullptr;
    case FilterOp::Equal:
        return value && *value == node.texts.front();
    case FilterOp::NotEqual:
        return !value || *value != node.texts.front();
    case FilterOp::In:
        return value && node.texts.contains(*value);
    case FilterOp::NotIn:
        return !value || !node.texts.contains(*value);
    case FilterOp::Glob:
        return value && FilterGlob::matches(*value, node.texts.front());
    default:
        break;
    }
    return false; // the parser never allows ordering on text
}

const QString *textField(const FilterNode &node, const DeviceRecord &device)
{
    switch (node.field) {
    case FilterField::Id:
        return &device.id;
    case FilterField::HardwareClass:
        return &device.hardwareClass;
    case FilterField::Region:
        return &device.region;
    case FilterField::Bank:
        return &device.bank;
    case FilterField::State:
        return &device.state;
    case FilterField::Label: {
        const auto it = device.labels.constFind(node.labelKey);
        return it == device.labels.constEnd() ? nullptr : &it.value();
    }
    default:
        break;
    }
    return nullptr;
}

bool condition(const FilterNode &node, const DeviceRecord &device)
{
    switch (node.field) {
    case FilterField::Version:
        return versionCondition(node, device.firmwareVersion);
    case FilterField::SecurityVersion:
        return integerCondition(node, device.securityVersion);
    case FilterField::Busy:
        return integerCondition(node, device.busy ? 1 : 0);
    default:
        break;
    }
    return textCondition(node, textField(node, device));
}

} // namespace

bool FilterEvaluator::matches(const FilterNode &node, const DeviceRecord &device)
{
    switch (node.kind) {
    case FilterNode::Kind::And:
        for (const auto &child : node.children) {
            if (!matches(*child, device))
                return false;
        }
        return true;
    case FilterNode::Kind::Or:
        for (const auto &child : node.children) {
            if (matches(*child, device))
                return true;
        }
        return false;
    case FilterNode::Kind::Not:
        return !matches(*node.children.front(), device);
    case FilterNode::Kind::Condition:
        return condition(node, device);
    }
    return false;
}

} // namespace otter
