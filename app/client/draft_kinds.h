// The three kinds of outbox drafts (groups, maintenance windows, rollouts) described alike, so that one
// replay routine serves them all: their records, messages, JSON readers and RPCs. Private to the client.
#pragma once

#include "app/client/record_conversion.h"
#include "models/records_json.h"

#include "otter/v1/errors.pb.h"
#include "otter/v1/groups.grpc.pb.h"
#include "otter/v1/rollouts.grpc.pb.h"
#include "otter/v1/windows.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QJsonObject>

#include <functional>
#include <optional>

namespace otter::client {

using Callback = std::function<void(grpc::Status)>;

struct GroupDraft
{
    using Record = models::GroupRecord;
    using Proto = v1::Group;
    using Service = v1::GroupService;
    using CreateRequest = v1::CreateGroupRequest;
    using CreateResponse = v1::CreateGroupResponse;
    using UpdateRequest = v1::UpdateGroupRequest;
    using UpdateResponse = v1::UpdateGroupResponse;
    using DeleteRequest = v1::DeleteGroupRequest;
    using DeleteResponse = v1::DeleteGroupResponse;
    using GetRequest = v1::GetGroupRequest;
    using GetResponse = v1::GetGroupResponse;

    static std::optional<Record> parse(const QJsonObject &json) { return models::groupFromJson(json); }
    static Proto *mutableObject(CreateRequest &r) { return r.mutable_group(); }
    static Proto *mutableObject(UpdateRequest &r) { return r.mutable_group(); }
    template<typename Response>
    static const Proto &object(const Response &r)
    {
        return r.group();
    }
    template<typename Request>
    static void setId(Request &r, const std::string &id)
    {
        r.set_group_id(id);
    }
    static const Proto *current(const v1::CurrentObject &c) { return c.has_group() ? &c.group() : nullptr; }
    static void create(Service::Stub &s, grpc::ClientContext *c, const CreateRequest *q, CreateResponse *a,
                       Callback f)
    {
        s.async()->CreateGroup(c, q, a, std::move(f));
    }
    static void update(Service::Stub &s, grpc::ClientContext *c, const UpdateRequest *q, UpdateResponse *a,
                       Callback f)
    {
        s.async()->UpdateGroup(c, q, a, std::move(f));
    }
    static void remove(Service::Stub &s, grpc::ClientContext *c, const DeleteRequest *q, DeleteResponse *a,
                       Callback f)
    {
        s.async()->DeleteGroup(c, q, a, std::move(f));
    }
    static void get(Service::Stub &s, grpc::ClientContext *c, const GetRequest *q, GetResponse *a, Callback f)
    {
        s.async()->GetGroup(c, q, a, std::move(f));
    }
};

struct WindowDraft
{
    using Record = models::WindowRecord;
    using Proto = v1::MaintenanceWindow;
    using Service = v1::MaintenanceWindowService;
    using CreateRequest = v1::CreateMaintenanceWindowRequest;
    using CreateResponse = v1::CreateMaintenanceWindowResponse;
    using UpdateRequest = v1::UpdateMaintenanceWindowRequest;
    using UpdateResponse = v1::UpdateMaintenanceWindowResponse;
    using DeleteRequest = v1::DeleteMaintenanceWindowRequest;
    using DeleteResponse = v1::DeleteMaintenanceWindowResponse;
    using GetRequest = v1::GetMaintenanceWindowRequest;
    using GetResponse = v1::GetMaintenanceWindowResponse;

    static std::optional<Record> parse(const QJsonObject &json) { return models::windowFromJson(json); }
    static Proto *mutableObject(CreateRequest &r) { return r.mutable_window(); }
    static Proto *mutableObject(UpdateRequest &r) { return r.mutable_window(); }
    template<typename Response>
    static const Proto &object(const Response &r)
    {
        return r.window();
    }
    template<typename Request>
    static void setId(Request &r, const std::string &id)
    {
        r.set_window_id(id);
    }
    static const Proto *current(const v1::CurrentObject &c)
    {
        return c.has_maintenance_window() ? &c.maintenance_window() : nullptr;
    }
    static void create(Service::Stub &s, grpc::ClientContext *c, const CreateRequest *q, CreateResponse *a,
                       Callback f)
    {
        s.async()->CreateMaintenanceWindow(c, q, a, std::move(f));
    }
    static void update(Service::Stub &s, grpc::ClientContext *c, const UpdateRequest *q, UpdateResponse *a,
                       Callback f)
    {
        s.async()->UpdateMaintenanceWindow(c, q, a, std::move(f));
    }
    static void remove(Service::Stub &s, grpc::ClientContext *c, const DeleteRequest *q, DeleteResponse *a,
                       Callback f)
    {
        s.async()->DeleteMaintenanceWindow(c, q, a, std::move(f));
    }
    static void get(Service::Stub &s, grpc::ClientContext *c, const GetRequest *q, GetResponse *a, Callback f)
    {
        s.async()->GetMaintenanceWindow(c, q, a, std::move(f));
    }
};

struct RolloutDraft
{
    using Record = models::RolloutRecord;
    using Proto = v1::Rollout;
    using Service = v1::RolloutService;
    using CreateRequest = v1::CreateRolloutRequest;
    using CreateResponse = v1::CreateRolloutResponse;
    using UpdateRequest = v1::UpdateRolloutRequest;
    using UpdateResponse = v1::UpdateRolloutResponse;
    using DeleteRequest = v1::DeleteRolloutRequest;
    using DeleteResponse = v1::DeleteRolloutResponse;
    using GetRequest = v1::GetRolloutRequest;
    using GetResponse = v1::GetRolloutResponse;

    static std::optional<Record> parse(const QJsonObject &json) { return models::rolloutFromJson(json); }
    static Proto *mutableObject(CreateRequest &r) { return r.mutable_rollout(); }
    static Proto *mutableObject(UpdateRequest &r) { return r.mutable_rollout(); }
    template<typename Response>
    static const Proto &object(const Response &r)
    {
        return r.rollout();
    }
    template<typename Request>
    static void setId(Request &r, const std::string &id)
    {
        r.set_rollout_id(id);
    }
    static const Proto *current(const v1::CurrentObject &c)
    {
        return c.has_rollout() ? &c.rollout() : nullptr;
    }
    static void create(Service::Stub &s, grpc::ClientContext *c, const CreateRequest *q, CreateResponse *a,
                       Callback f)
    {
        s.async()->CreateRollout(c, q, a, std::move(f));
    }
    static void update(Service::Stub &s, grpc::ClientContext *c, const UpdateRequest *q, UpdateResponse *a,
                       Callback f)
    {
        s.async()->UpdateRollout(c, q, a, std::move(f));
    }
    static void remove(Service::Stub &s, grpc::ClientContext *c, const DeleteRequest *q, DeleteResponse *a,
                       Callback f)
    {
        s.async()->DeleteRollout(c, q, a, std::move(f));
    }
    static void get(Service::Stub &s, grpc::ClientContext *c, const GetRequest *q, GetResponse *a, Callback f)
    {
        s.async()->GetRollout(c, q, a, std::move(f));
    }
};

} // namespace otter::client
