// Placeholder until the screen is built.
export default function MonitoringPage() {
  return <div>MonitoringPage</div>;
}
