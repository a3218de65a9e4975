#pragma once

#include <functional>
#include <utility>

namespace pd {

/// When a model that loads on a worker thread loads again (ConflictListModel, OnboardingListModel): a change in the
/// book reloads an active model (its pane is shown) at once and only marks an inactive one stale, which it reloads
/// when it becomes active; a reload asked for while one runs starts once that one has finished, so that at most one
/// load runs and the last change is always read. A new gate is stale; `active` is its first state.
class ReloadGate
{
public:
    /// `start` begins one load; its owner calls finished() when that load is done.
    ReloadGate(std::function<void()> start, bool active) : m_start(std::move(start)), m_active(active) {}

    /// The book changed.
    void changed()
    {
        if (m_active)
            request();
        else
            m_stale = true;
    }
    void setActive(bool active)
    {
        m_active = active;
        if (m_active && m_stale)
            request();
    }
    /// Loads now, or after the load that is running.
    void request()
    {
        m_stale = false;
        if (m_loading) {
            m_queued = true;
            return;
        }
        m_loading = true;
        m_start();
    }
    /// The running load finished. True when a reload was asked for meanwhile: it has been started, and the finished
    /// load's result is out of date.
    bool finished()
    {
        m_loading = false;
        if (!m_queued)
            return false;
        m_queued = false;
        request();
        return true;
    }
    bool isLoading() const { return m_loading; }
    bool isStale() const { return m_stale; }

private:
    std::function<void()> m_start;
    bool m_active;
    bool m_stale = true;
    bool m_loading = false;
    bool m_queued = false;
};

} // namespace pd
