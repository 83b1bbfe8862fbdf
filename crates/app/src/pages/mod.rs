//! One module per page of the site; see `router.rs` for their addresses.

mod embed;
mod gallery;
mod labs;
mod not_found;
mod playground;
mod saga;
pub mod saga_msg;
pub mod saga_state;
mod saga_views;
mod saga_widget;
mod widget;

pub use embed::EmbedPage;
pub use gallery::GalleryPage;
pub use labs::LabsPage;
pub use not_found::NotFoundPage;
pub use playground::PlaygroundPage;
pub use saga::SagaLabPage;
pub use saga_widget::SagaWidget;
pub use widget::WidgetPage;
