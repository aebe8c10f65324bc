//! The calculators alive on the page, by handle, and the order in which calls reach them.
//!
//! Handles count up and are never given out again, so a handle kept after `stop` finds nothing
//! (an error), never another calculator. A stopped calculator is dropped, and with it its listeners
//! and closures (`actions::Listener`): the live count stays flat however many come and go.
//!
//! Calls that change a calculator (the exports, the page's own listeners) run one at a time. One made
//! while another is under way, e.g. `setInputs` from a `minzheng-calc:results` listener, is queued
//! and runs as soon as the current update is done (results events included), in call order; it is
//! never dropped. Results events are dispatched after their update, while no calculator is borrowed.

use crate::app::App;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A call on a calculator (boxed: one copy of the code below serves every call).
type Call = Box<dyn FnOnce(&mut App) -> Result<(), JsValue>>;

/// Queued calls run in one go before the page gets control back; past this many (a results listener
/// that changes the calculator on every event, each time differently) the rest continue in a later
/// task, so such a loop cannot freeze the page.
const CALLS_PER_TASK: usize = 1000;

thread_local! {
    static APPS: RefCell<Vec<(u32, Rc<RefCell<App>>)>> = const { RefCell::new(Vec::new()) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
    /// Whether a call is under way (then new calls are queued).
    static BUSY: Cell<bool> = const { Cell::new(false) };
    static QUEUE: RefCell<VecDeque<(u32, Call)>> = const { RefCell::new(VecDeque::new()) };
    /// What to do once the current call's update is done (its results events).
    static AFTER: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// A handle for a calculator about to be added (its listeners need it before it exists).
pub fn next_handle() -> u32 {
    let handle = NEXT.with(Cell::get);
    NEXT.with(|n| n.set(handle.wrapping_add(1)));
    handle
}

pub fn insert(handle: u32, app: App) {
    APPS.with(|cell| {
        if let Ok(mut apps) = cell.try_borrow_mut() {
            apps.push((handle, Rc::new(RefCell::new(app))));
        }
    });
}

/// Forgets a calculator: it is dropped once the call running it returns.
pub fn remove(handle: u32) {
    APPS.with(|cell| {
        if let Ok(mut apps) = cell.try_borrow_mut() {
            apps.retain(|(h, _)| *h != handle);
        }
    });
}

/// The handles of the calculators alive.
pub fn handles() -> Vec<u32> {
    APPS.with(|cell| cell.try_borrow().map(|apps| apps.iter().map(|(h, _)| *h).collect()).unwrap_or_default())
}

/// How many calculators are alive (for the tests: it must not grow as elements come and go).
pub fn count() -> usize {
    APPS.with(|cell| cell.try_borrow().map_or(0, |apps| apps.len()))
}

fn find(handle: u32) -> Result<Rc<RefCell<App>>, JsValue> {
    let app = APPS.with(|cell| {
        cell.try_borrow().ok().and_then(|apps| apps.iter().find(|(h, _)| *h == handle).map(|(_, a)| Rc::clone(a)))
    });
    app.ok_or_else(|| {
        JsValue::from(js_sys::Error::new(&format!(
            "minzheng-calc: no calculator with handle {handle} (it was stopped, or never started)"
        )))
    })
}

/// Runs `f` on the calculator `handle` now, or, if a call is under way, queues it to run right after.
/// An unknown handle is an error (when queued, reported on the console when its turn comes).
pub fn with_app(handle: u32, f: impl FnOnce(&mut App) -> Result<(), JsValue> + 'static) -> Result<(), JsValue> {
    call(handle, Box::new(f))
}

fn call(handle: u32, f: Call) -> Result<(), JsValue> {
    if BUSY.with(Cell::get) {
        find(handle)?;
        QUEUE.with(|q| q.borrow_mut().push_back((handle, f)));
        return Ok(());
    }
    BUSY.with(|b| b.set(true));
    let result = run(handle, f);
    settle();
    BUSY.with(|b| b.set(false));
    result
}

/// `with_app` for the page's own listeners and timers: a calculator stopped meanwhile is no error.
pub fn on_app(handle: u32, f: impl FnOnce(&mut App) -> Result<(), JsValue> + 'static) {
    on_call(handle, Box::new(f));
}

fn on_call(handle: u32, f: Call) {
    if find(handle).is_err() {
        return;
    }
    if let Err(e) = call(handle, f) {
        report(&e);
    }
}

/// Reads a calculator (needs no queue: it changes nothing).
pub fn peek<R>(handle: u32, f: impl FnOnce(&App) -> R) -> Result<R, JsValue> {
    let app = find(handle)?;
    let app = app.try_borrow().map_err(|_| {
        JsValue::from(js_sys::Error::new(
            "minzheng-calc: the calculator is in the middle of an update; ask again after it",
        ))
    })?;
    Ok(f(&app))
}

/// Runs `f` after the current call's update (now, if there is none).
pub fn after(f: Box<dyn FnOnce()>) {
    if BUSY.with(Cell::get) {
        AFTER.with(|a| a.borrow_mut().push(f));
    } else {
        f();
    }
}

fn run(handle: u32, f: Call) -> Result<(), JsValue> {
    let app = find(handle)?;
    // Only `with_app` borrows a calculator mutably, one call at a time (BUSY): this cannot fail, but
    // a failure is an error, never a panic.
    let result = match app.try_borrow_mut() {
        Ok(mut app) => f(&mut app),
        Err(_) => Err("minzheng-calc: the calculator is already updating".into()),
    };
    result
}

/// Dispatches what the update left to do, then runs the queued calls (each with its own events),
/// until nothing is left.
fn settle() {
    let mut calls = 0;
    loop {
        let after = AFTER.with(|a| std::mem::take(&mut *a.borrow_mut()));
        for f in after {
            f();
        }
        let Some((handle, call)) = QUEUE.with(|q| q.borrow_mut().pop_front()) else {
            return;
        };
        if calls == CALLS_PER_TASK {
            QUEUE.with(|q| q.borrow_mut().push_front((handle, call)));
            continue_later();
            return;
        }
        calls += 1;
        if let Err(e) = run(handle, call) {
            report(&e);
        }
    }
}

/// Runs the rest of the queue in a later task (see `CALLS_PER_TASK`).
fn continue_later() {
    web_sys::console::warn_1(&JsValue::from_str(
        "minzheng-calc: a results listener keeps changing the calculator; the queued calls continue in the next task",
    ));
    let later = crate::once(Box::new(|| {
        if BUSY.with(Cell::get) {
            return;
        }
        BUSY.with(|b| b.set(true));
        settle();
        BUSY.with(|b| b.set(false));
    }));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
    }
}

pub fn report(error: &JsValue) {
    web_sys::console::error_2(&"minzheng-calc:".into(), error);
}
