/** The customer portal (placeholder until the portal lands). */
export default function PortalApp() {
  return <div>ReturnFlow portal</div>;
}
